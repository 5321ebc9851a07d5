import NIOCore
import NIOPosix

/// A TCP client that sends bytes as given and collects everything the server answers until it closes: for bad
/// prefaces and frames no HTTP/2 library would send.
struct RawTestClient: Sendable {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    static func connect(port: Int) async throws -> RawTestClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return RawTestClient(channel: channel)
    }

    /// Sends `bytes`, optionally shuts the sending side, and returns what the server sent until it closed.
    func exchange(_ bytes: [UInt8], thenHalfClose: Bool) async throws -> [UInt8] {
        try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            if thenHalfClose { outbound.finish() }
            var received: [UInt8] = []
            do {
                for try await buffer in inbound { received += Array(buffer.readableBytesView) }
            } catch {
                // A reset after the server closed still leaves what arrived before.
            }
            return received
        }
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
}
