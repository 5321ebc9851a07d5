@testable import CelloTelemetry
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPCompression
import Testing

@Suite("Gzip")
struct GzipTests {
    @Test("makes a gzip member that an independent decompressor restores, smaller for repetitive input")
    func roundTrip() throws {
        let original = ByteBuffer(bytes: Array(repeating: Array("span attributes ".utf8), count: 500).flatMap { $0 })
        let compressed = try Gzip.compress(original)
        #expect(Array(compressed.readableBytesView.prefix(2)) == [0x1F, 0x8B])
        #expect(compressed.readableBytes < original.readableBytes / 10)
        #expect(try decompress(compressed) == Array(original.readableBytesView))
    }

    @Test("compresses an empty body to a valid member")
    func empty() throws {
        let compressed = try Gzip.compress(ByteBuffer())
        #expect(try decompress(compressed).isEmpty)
    }

    /// Decodes through swift-nio-extras' request decompressor, as a server would.
    private func decompress(_ body: ByteBuffer) throws -> [UInt8] {
        let channel = EmbeddedChannel(handler: NIOHTTPRequestDecompressor(limit: .none))
        var headers = HTTPHeaders()
        headers.add(name: "content-encoding", value: "gzip")
        headers.add(name: "content-length", value: "\(body.readableBytes)")
        try channel.writeInbound(HTTPServerRequestPart.head(.init(version: .http1_1, method: .POST, uri: "/", headers: headers)))
        try channel.writeInbound(HTTPServerRequestPart.body(body))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        var out: [UInt8] = []
        while let part = try channel.readInbound(as: HTTPServerRequestPart.self) {
            if case .body(let chunk) = part { out += chunk.readableBytesView }
        }
        _ = try channel.finish()
        return out
    }
}
