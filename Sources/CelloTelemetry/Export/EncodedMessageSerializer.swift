import GRPCCore
import SwiftProtobuf

/// A gRPC serializer that encodes its message once, when it is made, and hands out the same bytes for every
/// attempt of an export (retries re-send, they do not re-encode).
///
/// Spec: docs/cello-telemetry.md section 4 / docs/architecture.md ("encode once, deadline = exportTimeoutMs, retry
/// inside it"). Made per export for that export's request; `serialize` ignores its argument, which is that request.
struct EncodedMessageSerializer<Message: SwiftProtobuf.Message>: MessageSerializer {
    private let bytes: [UInt8]

    init(encoding message: Message) throws {
        self.bytes = try message.serializedBytes()
    }

    var count: Int { bytes.count }

    func serialize<Bytes: GRPCContiguousBytes>(_ message: Message) throws -> Bytes {
        Bytes(bytes)
    }
}
