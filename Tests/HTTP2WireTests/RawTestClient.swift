import NIOCore
import NIOPosix

/// A TCP client that sends bytes as given and reads what the server answers: for bad prefaces and frames no HTTP/2
/// library would send.
final class RawTestClient {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private(set) var received: [UInt8] = []
    private(set) var closedByServer = false

    private init(
        iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.iterator = iterator
        self.outbound = outbound
    }

    /// Connects to 127.0.0.1:`port`, runs `body`, closes.
    static func withConnection<T>(port: Int, _ body: (RawTestClient) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RawTestClient(iterator: inbound.makeAsyncIterator(), outbound: outbound))
        }
    }

    func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Shuts the sending side (TCP half-close).
    func finishSending() {
        outbound.finish()
    }

    /// Reads until the frames received so far satisfy `predicate` or the server closes; returns the frames.
    @discardableResult
    func readFrames(until predicate: ([RawFrame]) -> Bool = { _ in false }) async -> [RawFrame] {
        while !predicate(RawFrame.parse(received)), !closedByServer {
            do {
                if let buffer = try await iterator.next() {
                    received += Array(buffer.readableBytesView)
                } else {
                    closedByServer = true
                }
            } catch {
                closedByServer = true  // reset by the server: what arrived before still counts
            }
        }
        return RawFrame.parse(received)
    }
}

/// Frames of an HTTP/2 byte stream (RFC 9113 section 4.1), for reading what the server sent.
struct RawFrame: Equatable {
    var type: UInt8
    var flags: UInt8
    var streamID: UInt32
    var payload: [UInt8]

    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    static func parse(_ bytes: [UInt8]) -> [RawFrame] {
        var frames: [RawFrame] = []
        var index = 0
        while index + 9 <= bytes.count {
            let length = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            guard index + 9 + length <= bytes.count else { break }
            let streamID = UInt32(bytes[index + 5] & 0x7f) << 24 | UInt32(bytes[index + 6]) << 16
                | UInt32(bytes[index + 7]) << 8 | UInt32(bytes[index + 8])
            frames.append(RawFrame(
                type: bytes[index + 3], flags: bytes[index + 4], streamID: streamID,
                payload: Array(bytes[(index + 9)..<(index + 9 + length)])))
            index += 9 + length
        }
        return frames
    }

    func encoded() -> [UInt8] {
        let length = payload.count
        return [UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff), type, flags,
                UInt8(streamID >> 24 & 0x7f), UInt8(streamID >> 16 & 0xff), UInt8(streamID >> 8 & 0xff),
                UInt8(streamID & 0xff)] + payload
    }

    /// The error code of a GOAWAY (type 7) frame.
    var goAwayErrorCode: UInt32? {
        guard type == 7, payload.count >= 8 else { return nil }
        return payload[4..<8].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static let emptySettings = RawFrame(type: 4, flags: 0, streamID: 0, payload: [])

    /// HEADERS for `POST /` with END_STREAM and END_HEADERS, HPACK-encoded from the static table (RFC 7541 appendix A).
    static func request(streamID: UInt32) -> RawFrame {
        let block: [UInt8] = [0x83, 0x86, 0x84, 0x41, 0x09] + Array("127.0.0.1".utf8)
        return RawFrame(type: 1, flags: 0x5, streamID: streamID, payload: block)
    }

    /// The error code of an RST_STREAM (type 3) frame.
    var resetErrorCode: UInt32? {
        guard type == 3, payload.count == 4 else { return nil }
        return payload.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
