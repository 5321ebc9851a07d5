import CelloOTLP
import NIOCore
import SwiftProtobuf

/// The two OTLP/HTTP body encodings: binary protobuf and OTLP/JSON.
///
/// Spec: https://opentelemetry.io/docs/specs/otlp/#otlphttp-request (content types) and
/// https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding (OTLP/JSON via ``OTLPJSON``).
public struct OTLPHTTPEncoding: Sendable, Hashable, CustomStringConvertible {
    private enum Backing: Sendable, Hashable {
        case protobuf, json
    }

    private let backing: Backing
    private init(_ backing: Backing) { self.backing = backing }

    /// `application/x-protobuf` bodies (`http/protobuf`).
    public static let protobuf = OTLPHTTPEncoding(.protobuf)
    /// `application/json` bodies (`http/json`).
    public static let json = OTLPHTTPEncoding(.json)

    public var description: String { backing == .protobuf ? "http/protobuf" : "http/json" }

    var contentType: String { backing == .protobuf ? "application/x-protobuf" : "application/json" }

    func encode(_ message: some SwiftProtobuf.Message) throws -> [UInt8] {
        switch backing {
        case .protobuf: return try message.serializedBytes()
        case .json: return try OTLPJSON.encode(message)
        }
    }

    func decode<M: SwiftProtobuf.Message>(_ type: M.Type, from bytes: ByteBuffer) throws -> M {
        let view = bytes.readableBytesView
        switch backing {
        case .protobuf: return try M(serializedBytes: Array(view))
        case .json: return try OTLPJSON.decode(type, from: view)
        }
    }
}
