import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPCompression

/// Gzip for OTLP/HTTP request bodies (`Content-Encoding: gzip`).
///
/// Spec: https://opentelemetry.io/docs/specs/otlp/#otlphttp-request ("the client MAY gzip the body").
/// swift-nio-extras keeps its zlib compressor behind the `NIOHTTPRequestCompressor` channel handler, so the body
/// goes through that handler in an `EmbeddedChannel` (synchronous, no I/O, no event loop thread); the gRPC
/// exporter does not need this, grpc-swift compresses messages itself.
enum Gzip {
    /// The gzip member of `body`.
    static func compress(_ body: ByteBuffer) throws -> ByteBuffer {
        let channel = EmbeddedChannel(handler: NIOHTTPRequestCompressor(encoding: .gzip))
        defer { _ = try? channel.finish() }
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/")
        try channel.writeOutbound(HTTPClientRequestPart.head(head))
        try channel.writeOutbound(HTTPClientRequestPart.body(.byteBuffer(body)))
        try channel.writeOutbound(HTTPClientRequestPart.end(nil))
        var compressed = ByteBuffer()
        while let part = try channel.readOutbound(as: HTTPClientRequestPart.self) {
            if case .body(.byteBuffer(var chunk)) = part {
                compressed.writeBuffer(&chunk)
            }
        }
        return compressed
    }
}
