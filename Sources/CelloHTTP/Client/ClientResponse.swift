import Foundation
import HTTPTypes

/// The answer to a call of the instrumented client, its body collected.
public struct ClientResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(status: HTTPResponse.Status, headers: HTTPFields, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: self.body, as: UTF8.self) }

    /// The body decoded from JSON.
    /// - Throws: `DecodingError` when the body is not JSON of that shape.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(self.body))
    }
}
