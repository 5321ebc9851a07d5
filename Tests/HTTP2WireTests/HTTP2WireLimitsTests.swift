import HTTP2Wire
import NIOCore
import NIOHPACK
import NIOHTTP2
import Testing

/// The HTTP/2 bounds of docs/cello-telemetry.md section 6 ("bounded concurrent streams and connections", and the
/// header list size), crossed by one (docs/harness-api.md, "Limits"): at the bound the request is served, one past it
/// gets the documented answer, and the next request is served.
@Suite("HTTP2WireServer limits", .timeLimit(.minutes(1)))
struct HTTP2WireLimitsTests {
    /// HEADERS for `POST path` with END_STREAM and END_HEADERS: static-table fields, and `:path` and `:authority` as
    /// literals without indexing (RFC 7541 section 6.2.2), so no request touches the dynamic table.
    static func request(streamID: UInt32, path: String) -> RawFrame {
        let path = Array(path.utf8)
        let authority = Array("127.0.0.1".utf8)
        let block = [0x83, 0x86, 0x04, UInt8(path.count)] + path + [0x01, UInt8(authority.count)] + authority
        return RawFrame(type: 1, flags: 0x5, streamID: streamID, payload: block)
    }

    static let settingsAck = RawFrame(type: 4, flags: 0x1, streamID: 0, payload: [])

    static func reset(streamID: UInt32, errorCode: UInt32) -> RawFrame {
        RawFrame(type: 3, flags: 0, streamID: streamID,
                 payload: [UInt8(errorCode >> 24), UInt8(errorCode >> 16 & 0xFF), UInt8(errorCode >> 8 & 0xFF),
                           UInt8(errorCode & 0xFF)])
    }

    /// The value of parameter `id` in a SETTINGS frame.
    static func setting(_ frame: RawFrame, id: UInt16) -> UInt32? {
        stride(from: 0, to: frame.payload.count - 5, by: 6).lazy.compactMap { offset -> UInt32? in
            let entry = frame.payload[offset..<(offset + 6)]
            guard UInt16(entry[offset]) << 8 | UInt16(entry[offset + 1]) == id else { return nil }
            return entry[(offset + 2)...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }.first
    }

    static func isServerSettings(_ frame: RawFrame) -> Bool { frame.type == 4 && frame.flags & 0x1 == 0 }

    @Test("with maxConcurrentStreams 2, two streams are served at once; after SETTINGS are acknowledged a third gets RST_STREAM(REFUSED_STREAM), and the connection serves the next stream")
    func concurrentStreams() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.maxConcurrentStreams = 2
        let arrived = Mailbox<Int32>()
        try await withTestServer(configuration: configuration, handler: { stream in
            arrived.send(stream.streamID)
            if stream.requestHeaders.first(named: ":path") == "/hold" {
                _ = await stream.waitForPeerClose()
            } else {
                try? await stream.sendHeaders([HTTP2Header(":status", "200")], endStream: true)
            }
        }) { server in
            try await RawTestClient.withConnection(port: server.localPort) { client in
                try await client.send(RawFrame.preface + RawFrame.emptySettings.encoded())
                // Not `#require(await client.readFrames { ... }...)`: with Swift Testing 6.3.1 that made the next
                // readFrames call run this predicate instead of its own.
                let greeting = await client.readFrames { $0.contains(where: Self.isServerSettings) }
                let settings = try #require(greeting.first(where: Self.isServerSettings))
                #expect(Self.setting(settings, id: 0x3) == 2)  // SETTINGS_MAX_CONCURRENT_STREAMS

                // Acknowledged: from here on a client that opens a third stream breaks a limit it knows.
                try await client.send(Self.settingsAck.encoded() + Self.request(streamID: 1, path: "/hold").encoded()
                    + Self.request(streamID: 3, path: "/hold").encoded())
                #expect(Set([await arrived.next(), await arrived.next()]) == [1, 3])

                try await client.send(Self.request(streamID: 5, path: "/hold").encoded())
                let refused = await client.readFrames { frames in frames.contains { $0.streamID == 5 && $0.type == 3 } }
                #expect(refused.first { $0.streamID == 5 && $0.type == 3 }?.resetErrorCode == 7)  // REFUSED_STREAM
                #expect(!refused.contains { $0.type == 7 })  // no GOAWAY: the connection lives on

                // Stream 1 ends (the client cancels it) and its slot serves stream 7.
                try await client.send(Self.reset(streamID: 1, errorCode: 8).encoded()
                    + Self.request(streamID: 7, path: "/").encoded())
                let served = await client.readFrames { frames in frames.contains { $0.streamID == 7 && $0.type == 1 } }
                #expect(served.contains { $0.streamID == 7 && $0.type == 1 })
                #expect(!served.contains { $0.type == 7 })
                #expect(await arrived.next() == 7)  // stream 5 never reached the handler
            }
        }
    }

    @Test("with maxConnections 2, two connections are served; a third gets GOAWAY(REFUSED_STREAM) and is closed, and a connection made once one closed is served")
    func connections() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.maxConnections = 2
        try await withTestServer(configuration: configuration, handler: echoHandler) { server in
            let first = try await H2TestClient.connect(port: server.localPort)
            let second = try await H2TestClient.connect(port: server.localPort)
            #expect(try await first.post(body: [1]).body == [1])
            #expect(try await second.post(body: [2]).body == [2])
            #expect(server.openConnectionCount == 2)

            let refused = try await RawTestClient.withConnection(port: server.localPort) { client in
                let frames = await client.readFrames()
                return (frames, client.closedByServer)
            }
            #expect(refused.0.contains { $0.goAwayErrorCode == 7 })  // REFUSED_STREAM
            #expect(refused.1)
            #expect(server.refusedConnectionCount == 1)
            #expect(try await first.post(body: [3]).body == [3])

            await first.close()
            // `.closed` is reported once the slot is free again.
            _ = await firstEvent(server) { if case .closed = $0 { true } else { false } }
            let third = try await H2TestClient.connect(port: server.localPort)
            #expect(try await third.post(body: [4]).body == [4])
            #expect(server.refusedConnectionCount == 1)
            await second.close()
            await third.close()
        }
    }

    /// RFC 9113 section 6.5.2: the sum over the fields of name + value + 32.
    static func listSize(_ headers: HPACKHeaders) -> Int {
        headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 32 }
    }

    /// Extra headers that bring a request to `/echo` to a header list of exactly `size` bytes.
    static func padding(toListSize size: Int) -> [(String, String)] {
        let pad = size - listSize(H2TestClient.requestHeaders("/echo")) - ("x-pad".utf8.count + 32)
        return [("x-pad", String(repeating: "p", count: pad))]
    }

    @Test("with maxHeaderListSize 1024, a header list of exactly 1024 bytes is served; 1025 is answered 431 without reaching the handler, past four times the limit the stream is reset, and the connection serves the next request")
    func headerListSize() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.maxHeaderListSize = 1024
        try await withTestServer(configuration: configuration, handler: echoHandler) { server in
            #expect(Self.listSize(H2TestClient.requestHeaders("/echo", Self.padding(toListSize: 1024))) == 1024)
            let client = try await H2TestClient.connect(port: server.localPort)
            let atLimit = try await client.post(body: [], headers: Self.padding(toListSize: 1024))
            #expect(atLimit.status == "200")
            #expect(atLimit.headers.first { $0.0 == "x-header-count" }?.1 == "6")

            let over = try await client.post(body: [], headers: Self.padding(toListSize: 1025))
            #expect(over.status == "431")
            #expect(over.headers.first { $0.0 == "x-path" } == nil)

            let farOver = try await client.post(body: [], headers: Self.padding(toListSize: 4 * 1024 + 1))
            #expect(farOver.status == nil)
            #expect(farOver.resetCode == .internalError)

            #expect(try await client.post(body: [9]).body == [9])
            await client.close()
        }
    }
}
