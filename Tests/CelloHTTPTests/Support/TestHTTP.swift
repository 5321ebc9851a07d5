import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// A plain (uninstrumented) HTTP client for driving Apps from tests.
enum TestHTTP {
    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var text: String { String(decoding: self.body, as: UTF8.self) }

        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(self.body)) as? [String: Any])
        }
    }

    static func send(
        _ url: String,
        method: String = "GET",
        headers: [(String, String)] = [("user-agent", "cello-test")],
        body: [UInt8]? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let collected = try await response.body.collect(upTo: 4 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
    }
}
