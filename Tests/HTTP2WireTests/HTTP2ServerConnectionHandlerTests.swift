@testable import HTTP2Wire
import NIOCore
import NIOEmbedded
import Testing

@Suite("HTTP2ServerConnectionHandler on a testing channel")
struct HTTP2ServerConnectionHandlerTests {
    private func makeChannel(
        configuration: HTTP2WireConfiguration = HTTP2WireConfiguration(),
        events: Mailbox<HTTP2ConnectionEvent>
    ) async throws -> NIOAsyncTestingChannel {
        let channel = NIOAsyncTestingChannel()
        try await channel.testingEventLoop.executeInContext {
            let session = NGHTTP2ServerSession(
                connectionID: 7, eventLoop: channel.eventLoop, configuration: configuration,
                report: { events.send($0) })
            try channel.pipeline.syncOperations.addHandler(HTTP2ServerConnectionHandler(session: session, refuse: false))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4317))
        return channel
    }

    private func outboundFrames(_ channel: NIOAsyncTestingChannel) async throws -> [RawFrame] {
        var bytes: [UInt8] = []
        while let buffer = try await channel.readOutbound(as: ByteBuffer.self) {
            bytes += Array(buffer.readableBytesView)
        }
        return RawFrame.parse(bytes)
    }

    @Test("sends SETTINGS with our bounds and opens the connection window")
    func settings() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.maxConcurrentStreams = 33
        configuration.maxHeaderListSize = 4096
        configuration.initialWindowSize = 100_000
        configuration.connectionWindowSize = 1 << 20
        let events = Mailbox<HTTP2ConnectionEvent>()
        let channel = try await makeChannel(configuration: configuration, events: events)
        let frames = try await outboundFrames(channel)
        let settings = try #require(frames.first)
        #expect(settings.type == 4)
        var values: [UInt16: UInt32] = [:]
        for offset in stride(from: 0, to: settings.payload.count, by: 6) {
            let id = UInt16(settings.payload[offset]) << 8 | UInt16(settings.payload[offset + 1])
            values[id] = settings.payload[(offset + 2)..<(offset + 6)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        #expect(values == [3: 33, 6: 4096, 4: 100_000])
        let windowUpdate = try #require(frames.first { $0.type == 8 })
        #expect(windowUpdate.streamID == 0)
        #expect(windowUpdate.payload.reduce(0) { $0 << 8 | UInt32($1) } == UInt32((1 << 20) - 65_535))
        #expect(await events.next() == .opened(7))
        try await channel.close()
    }

    @Test("a bad client magic is answered with GOAWAY(PROTOCOL_ERROR), reported, and the channel closes")
    func badMagic() async throws {
        let events = Mailbox<HTTP2ConnectionEvent>()
        let channel = try await makeChannel(events: events)
        _ = try await outboundFrames(channel)
        try await channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"))
        let frames = try await outboundFrames(channel)
        #expect(frames.contains { $0.goAwayErrorCode == 1 })
        try await channel.closeFuture.get()
        var iterator = events.stream.makeAsyncIterator()
        #expect(await iterator.next() == .opened(7))
        let error = try #require(await iterator.next())
        #expect(error.isProtocolError && error.connectionID == 7)
        #expect(await iterator.next() == .closed(7))
    }

    @Test("a window update that overflows the connection window is a protocol error (FLOW_CONTROL_ERROR)")
    func windowOverflow() async throws {
        let events = Mailbox<HTTP2ConnectionEvent>()
        let channel = try await makeChannel(events: events)
        _ = try await outboundFrames(channel)
        let update = RawFrame(type: 8, flags: 0, streamID: 0, payload: [0x7f, 0xff, 0xff, 0xff])
        try await channel.writeInbound(ByteBuffer(bytes: RawFrame.preface + RawFrame.emptySettings.encoded()
            + update.encoded()))
        let frames = try await outboundFrames(channel)
        #expect(frames.contains { $0.goAwayErrorCode == 3 })
        try await channel.closeFuture.get()
        var iterator = events.stream.makeAsyncIterator()
        _ = await iterator.next()
        #expect(await iterator.next()?.isProtocolError == true)
    }
}
