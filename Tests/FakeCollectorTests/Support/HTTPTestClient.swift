import AsyncHTTPClient
import Foundation
import NIOHTTP1
import NIOCore

/// A plain HTTP client for the OTLP/HTTP receiver and the query API (AsyncHTTPClient, independent of Hummingbird).
struct HTTPTestClient {
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]

        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func send(_ method: String, _ url: String, body: [UInt8]? = nil, headers: [(String, String)] = [])
        async throws -> Answer
    {
        var request = HTTPClientRequest(url: url)
        request.method = .RAW(value: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        var answerHeaders: [String: String] = [:]
        for header in response.headers { answerHeaders[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: answerHeaders, body: Array(bytes.readableBytesView))
    }

    static func get(_ url: String) async throws -> Answer {
        try await send("GET", url)
    }

    static func post(_ url: String, body: [UInt8], contentType: String, extra: [(String, String)] = [])
        async throws -> Answer
    {
        try await send("POST", url, body: body, headers: [("Content-Type", contentType)] + extra)
    }
}
