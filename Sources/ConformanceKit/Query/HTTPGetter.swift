import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The small HTTP client the query and harness clients share (AsyncHTTPClient's shared client, bounded bodies).
struct HTTPGetter: Sendable {
    static let maxBody = 256 << 20
    var timeout: TimeAmount = .seconds(30)

    /// Sends a request; returns status and body.
    func send(_ method: HTTPMethod = .GET, _ url: String, body: [UInt8]? = nil) async throws(QueryAPIError) -> (UInt, [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            let buffer = try await response.body.collect(upTo: Self.maxBody)
            return (response.status.code, Array(buffer.readableBytesView))
        } catch {
            throw QueryAPIError(code: .unreachable, url: url, message: "\(error)")
        }
    }

    /// GET that must answer 200 with a JSON object.
    func json(_ url: String, allowNotFound: Bool = false) async throws(QueryAPIError) -> [String: Any]? {
        let (status, body) = try await send(.GET, url)
        if status == 404, allowNotFound { return nil }
        guard status == 200 else {
            throw QueryAPIError(
                code: .badStatus, url: url,
                message: "HTTP \(status): \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw QueryAPIError(code: .badBody, url: url, message: "not a JSON object")
        }
        return object
    }
}
