import HTTP2Wire
import NIOCore
import Testing

@Suite("HTTP2WireServer under bad input and past its bounds")
struct HTTP2WireBadInputTests {
    /// After a bad connection the same server must still answer a good client.
    private func expectServesGoodClient(_ server: HTTP2WireServer) async throws {
        let client = try await H2TestClient.connect(port: server.localPort)
        let response = try await client.post(body: Array("still here".utf8))
        #expect(response.status == "200")
        #expect(response.body == Array("still here".utf8))
        await client.close()
    }

    @Test("a client preface that is not HTTP/2 gets GOAWAY(PROTOCOL_ERROR), a protocolError event and a close")
    func http1Preface() async throws {
        try await withTestServer(handler: echoHandler) { server in
            let frames = try await RawTestClient.withConnection(port: server.localPort) { client in
                try await client.send(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
                return await client.readFrames()
            }
            #expect(frames.contains { $0.goAwayErrorCode == 1 })
            let error = try #require(await firstEvent(server) { $0.isProtocolError })
            guard case .protocolError(_, let reason) = error else { return }
            #expect(!reason.isEmpty)
            try await expectServesGoodClient(server)
        }
    }

    @Test("a frame cut short before the client half-closes is a protocol error answered with GOAWAY")
    func truncatedFrameHalfClose() async throws {
        try await withTestServer(handler: echoHandler) { server in
            let frames = try await RawTestClient.withConnection(port: server.localPort) { client in
                // HEADERS claiming 100 bytes of which 10 arrive.
                let cut = Array(RawFrame(type: 1, flags: 4, streamID: 1, payload: [UInt8](repeating: 0, count: 100))
                    .encoded().prefix(19))
                try await client.send(RawFrame.preface + RawFrame.emptySettings.encoded() + cut)
                client.finishSending()
                return await client.readFrames()
            }
            #expect(frames.contains { $0.goAwayErrorCode == 1 })
            let error = try #require(await firstEvent(server) { $0.isProtocolError })
            guard case .protocolError(_, let reason) = error else { return }
            #expect(reason.contains("frame payload"))
            try await expectServesGoodClient(server)
        }
    }

    @Test("a connection closed in the middle of a frame header is reported as a protocol error")
    func truncatedFrameClose() async throws {
        try await withTestServer(handler: echoHandler) { server in
            try await RawTestClient.withConnection(port: server.localPort) { client in
                try await client.send(RawFrame.preface + RawFrame.emptySettings.encoded() + [0, 0, 8, 6])
                await client.readFrames { frames in frames.contains { $0.type == 4 } }
            }
            let error = try #require(await firstEvent(server) { $0.isProtocolError })
            guard case .protocolError(_, let reason) = error else { return }
            #expect(reason.contains("frame header"))
            try await expectServesGoodClient(server)
        }
    }

    @Test("a frame over the maximum frame size gets GOAWAY(FRAME_SIZE_ERROR) and a protocolError event")
    func oversizedFrame() async throws {
        try await withTestServer(handler: echoHandler) { server in
            let frames = try await RawTestClient.withConnection(port: server.localPort) { client in
                let header: [UInt8] = [0x10, 0x00, 0x00, 0, 0, 0, 0, 0, 1]  // DATA of 1 MiB on stream 1
                try await client.send(RawFrame.preface + RawFrame.emptySettings.encoded() + header)
                return await client.readFrames()
            }
            #expect(frames.contains { $0.goAwayErrorCode == 6 })
            #expect(await firstEvent(server) { $0.isProtocolError } != nil)
            try await expectServesGoodClient(server)
        }
    }

    @Test("a SETTINGS frame of a length that is not a multiple of 6 is a protocol error")
    func malformedSettings() async throws {
        try await withTestServer(handler: echoHandler) { server in
            let frames = try await RawTestClient.withConnection(port: server.localPort) { client in
                let settings = RawFrame(type: 4, flags: 0, streamID: 0, payload: [0, 3, 0, 0, 0])
                try await client.send(RawFrame.preface + settings.encoded())
                return await client.readFrames()
            }
            #expect(frames.contains { $0.goAwayErrorCode == 6 })
            #expect(await firstEvent(server) { $0.isProtocolError } != nil)
            try await expectServesGoodClient(server)
        }
    }

    @Test("connections past maxConnections get GOAWAY(REFUSED_STREAM) and are closed; the others keep working")
    func connectionLimit() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.maxConnections = 1
        try await withTestServer(configuration: configuration, handler: echoHandler) { server in
            let first = try await H2TestClient.connect(port: server.localPort)
            #expect(try await first.post(body: [1]).status == "200")
            let frames = try await RawTestClient.withConnection(port: server.localPort) { client in
                await client.readFrames()
            }
            #expect(frames.contains { $0.goAwayErrorCode == 7 })
            #expect(server.refusedConnectionCount == 1)
            #expect(try await first.post(body: [2]).body == [2])
            await first.close()
        }
    }

    @Test("streams past maxConcurrentStreams are refused with RST_STREAM(REFUSED_STREAM)")
    func streamLimit() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.maxConcurrentStreams = 1
        let arrived = Mailbox<Int32>()
        try await withTestServer(configuration: configuration, handler: { stream in
            arrived.send(stream.streamID)
            _ = await stream.waitForPeerClose()
        }) { server in
            try await RawTestClient.withConnection(port: server.localPort) { client in
                try await client.send(
                    RawFrame.preface + RawFrame.emptySettings.encoded() + RawFrame.request(streamID: 1).encoded()
                        + RawFrame.request(streamID: 3).encoded())
                let frames = await client.readFrames { frames in frames.contains { $0.resetErrorCode != nil } }
                let reset = try #require(frames.first { $0.resetErrorCode != nil })
                #expect(reset.streamID == 3)
                #expect(reset.resetErrorCode == 7)
                #expect(await arrived.next() == 1)
            }
        }
    }

    @Test("a request over maxHeaderListSize is answered 431 and never reaches the handler")
    func headerListTooLarge() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.maxHeaderListSize = 1024
        try await withTestServer(configuration: configuration, handler: echoHandler) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let big = String(repeating: "x", count: 2000)
            let response = try await client.post(body: [1], headers: [("x-big", big)])
            #expect(response.status == "431")
            #expect(response.headers.first(where: { $0.0 == "x-path" }) == nil)
            #expect(try await client.post(body: [9]).body == [9])
            await client.close()
        }
    }

    @Test("readBody past its limit throws bodyTooLarge and the connection keeps serving")
    func bodyTooLarge() async throws {
        let errors = Mailbox<HTTP2WireError.Code>()
        try await withTestServer(handler: { stream in
            do throws(HTTP2WireError) {
                _ = try await stream.readBody(upTo: 1000)
                try? await stream.sendHeaders([HTTP2Header(":status", "200")], endStream: true)
            } catch {
                errors.send(error.code)
                try? await stream.sendHeaders([HTTP2Header(":status", "413")], endStream: true)
            }
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let response = try await client.post(body: [UInt8](repeating: 7, count: 200_000))
            #expect(response.status == "413")
            #expect(await errors.next() == .bodyTooLarge)
            #expect(try await client.post(body: [1]).status == "200")
            await client.close()
        }
    }

    @Test("a handler that answers without reading a large body leaves the connection serving")
    func unreadBody() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.initialWindowSize = 65_535
        configuration.connectionWindowSize = 65_535
        let answered = Mailbox<Int32>()
        try await withTestServer(configuration: configuration, handler: { stream in
            if stream.requestHeaders.first(named: ":path") == "/ignore" {
                try? await stream.sendHeaders(
                    [HTTP2Header(":status", "200"), HTTP2Header("grpc-status", "12")], endStream: true)
                answered.send(stream.streamID)
            } else {
                await echoHandler(stream)
            }
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            // The server answers after the first window's worth; the rest of the body must not block the connection.
            let ignored = try? await client.post("/ignore", body: [UInt8](repeating: 1, count: 1 << 20))
            #expect(ignored?.status == "200" || ignored == nil)
            #expect(await answered.next() == 1)
            let response = try await client.post(body: Array("next".utf8))
            #expect(response.body == Array("next".utf8))
            await client.close()
        }
    }

    @Test("a connection that never completes the client preface is closed after the preface timeout")
    func prefaceTimeout() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.prefaceTimeout = .milliseconds(100)
        try await withTestServer(configuration: configuration, handler: echoHandler) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let frames = try await RawTestClient.withConnection(port: server.localPort) { client in
                try await client.send(Array(RawFrame.preface.prefix(10)))
                return await client.readFrames()
            }
            let elapsed = clock.now - start
            #expect(frames.contains { $0.goAwayErrorCode == 1 })
            let error = try #require(await firstEvent(server) { $0.isProtocolError })
            guard case .protocolError(_, let reason) = error else { return }
            #expect(reason.contains("preface"))
            // The close comes from the 100 ms timer: not before it, and well within 5 s of slack on a busy machine.
            #expect(elapsed >= .milliseconds(100) && elapsed < .seconds(5))
            try await expectServesGoodClient(server)
        }
    }
}
