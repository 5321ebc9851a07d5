import Foundation
import HTTPTypes

/// What a route handler answers: a status, headers and a body of bytes.
///
/// Handlers that return an `Encodable` value get it as JSON with status 200; return a `CelloResponse` for any
/// other status or content type.
public struct CelloResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response (`Content-Type: application/json; charset=utf-8`).
    /// - Throws: the `EncodingError` of `JSONEncoder` when the value cannot be encoded.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> CelloResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return CelloResponse(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: Array(data))
    }

    /// A plain-text response (`Content-Type: text/plain; charset=utf-8`).
    public static func text(_ text: String, status: HTTPResponse.Status = .ok) -> CelloResponse {
        CelloResponse(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Array(text.utf8))
    }
}
