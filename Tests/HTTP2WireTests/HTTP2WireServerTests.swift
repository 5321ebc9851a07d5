import HTTP2Wire
import NIOCore
import NIOHTTP2
import Synchronization
import Testing

@Suite("HTTP2WireServer with a swift-nio-http2 client")
struct HTTP2WireServerTests {
    @Test("echoes a request body back with headers and trailers")
    func echo() async throws {
        try await withTestServer(handler: echoHandler) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let body = Array("hello, nghttp2".utf8)
            let response = try await client.post("/opentelemetry.proto.collector.trace.v1.TraceService/Export", body: body)
            #expect(response.status == "200")
            #expect(response.headers.first(where: { $0.0 == "x-path" })?.1
                == "/opentelemetry.proto.collector.trace.v1.TraceService/Export")
            #expect(response.headers.first(where: { $0.0 == "x-method" })?.1 == "POST")
            #expect(response.headers.first(where: { $0.0 == "x-header-count" })?.1 == "5")
            #expect(response.body == body)
            let trailers = try #require(response.trailers)
            #expect(trailers.first(where: { $0.0 == "grpc-status" })?.1 == "0")
            #expect(response.resetCode == nil)
            await client.close()
        }
    }

    @Test("a body larger than the initial window arrives whole and goes back whole")
    func largeBody() async throws {
        var configuration = HTTP2WireConfiguration()
        configuration.initialWindowSize = 65_535
        configuration.connectionWindowSize = 65_535
        try await withTestServer(configuration: configuration, handler: echoHandler) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let body = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
            let response = try await client.post(body: body)
            #expect(response.status == "200")
            #expect(response.body.count == body.count)
            #expect(response.body == body)
            #expect(response.trailers?.first(where: { $0.0 == "x-length" })?.1 == "\(body.count)")
            await client.close()
        }
    }

    @Test("serves many concurrent streams on one connection")
    func concurrentStreams() async throws {
        try await withTestServer(handler: echoHandler) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let results = try await withThrowingTaskGroup(of: (Int, H2Response).self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let body = Array("stream \(index) ".utf8) + [UInt8](repeating: UInt8(index), count: index * 997)
                        return (index, try await client.post("/s/\(index)", body: body))
                    }
                }
                return try await group.reduce(into: [Int: H2Response]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 64)
            for (index, response) in results {
                let expected = Array("stream \(index) ".utf8) + [UInt8](repeating: UInt8(index), count: index * 997)
                #expect(response.body == expected)
                #expect(response.headers.first(where: { $0.0 == "x-path" })?.1 == "/s/\(index)")
            }
            await client.close()
        }
    }

    @Test("waitForPeerClose returns peerReset when the client resets a stalled stream")
    func clientReset() async throws {
        let arrived = Mailbox<Int32>()
        let ends = Mailbox<HTTP2StreamEnd>()
        try await withTestServer(handler: { stream in
            arrived.send(stream.streamID)
            ends.send(await stream.waitForPeerClose())
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let stream = try await client.openStream()
            try await stream.executeThenClose { _, outbound in
                try await outbound.write(.headers(.init(headers: H2TestClient.requestHeaders("/stall"), endStream: true)))
                _ = await arrived.next()
                try await outbound.write(.rstStream(.cancel))
            }
            #expect(await ends.next() == .peerReset(UInt32(HTTP2ErrorCode.cancel.networkCode)))
            await client.close()
        }
    }

    @Test("waitForPeerClose returns connectionClosed when the client drops the connection")
    func clientCloses() async throws {
        let arrived = Mailbox<Int32>()
        let ends = Mailbox<HTTP2StreamEnd>()
        try await withTestServer(handler: { stream in
            arrived.send(stream.streamID)
            ends.send(await stream.waitForPeerClose())
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let stream = try await client.openStream()
            try await stream.executeThenClose { _, outbound in
                try await outbound.write(.headers(.init(headers: H2TestClient.requestHeaders("/stall"), endStream: true)))
                _ = await arrived.next()
                await client.close()
            }
            #expect(await ends.next() == .connectionClosed)
        }
    }

    @Test("readBody throws streamReset when the client resets in the middle of the body")
    func resetMidBody() async throws {
        let errors = Mailbox<HTTP2WireError.Code>()
        let arrived = Mailbox<Int32>()
        try await withTestServer(handler: { stream in
            arrived.send(stream.streamID)
            do throws(HTTP2WireError) {
                _ = try await stream.readBody(upTo: 1 << 20)
            } catch {
                errors.send(error.code)
            }
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let stream = try await client.openStream()
            try await stream.executeThenClose { _, outbound in
                try await outbound.write(.headers(.init(headers: H2TestClient.requestHeaders("/half"))))
                try await outbound.write(.data(.init(data: .byteBuffer(ByteBuffer(bytes: [1, 2, 3])))))
                _ = await arrived.next()
                try await outbound.write(.rstStream(.cancel))
            }
            #expect(await errors.next() == .streamReset)
            await client.close()
        }
    }

    @Test("the client sees the server's RST_STREAM with its error code")
    func serverReset() async throws {
        try await withTestServer(handler: { stream in
            _ = try? await stream.readBody(upTo: 1024)
            await stream.reset(errorCode: 7)
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let response = try await client.post(body: [1, 2, 3])
            #expect(response.resetCode == .refusedStream)
            #expect(response.status == nil)
            await client.close()
        }
    }

    @Test("the client sees the server's GOAWAY and then the connection closes")
    func serverGoAway() async throws {
        try await withTestServer(handler: { stream in
            _ = try? await stream.readBody(upTo: 1024)
            await stream.goAway(errorCode: 2)
            try? await stream.sendHeaders([HTTP2Header(":status", "200")], endStream: true)
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            let response = try await client.post(body: [1])
            #expect(response.status == "200")
            let goAway = try #require(await client.goAway())
            #expect(goAway.errorCode == .internalError)
            #expect(goAway.lastStreamID == 1)
            try await client.channel.closeFuture.get()
        }
    }

    @Test("the client sees the connection close when the server drops it")
    func serverCloses() async throws {
        let closed = Mailbox<HTTP2StreamEnd>()
        try await withTestServer(handler: { stream in
            await stream.closeConnection()
            closed.send(await stream.waitForPeerClose())
        }) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            // swift-nio-http2 ends the stream without a response (or throws): either way no status arrives.
            let response = try? await client.post(body: [1])
            #expect(response?.status == nil)
            try await client.channel.closeFuture.get()
            #expect(await closed.next() == .connectionClosed)
        }
    }

    @Test("reports opened and closed for every connection")
    func events() async throws {
        try await withTestServer(handler: echoHandler) { server in
            let client = try await H2TestClient.connect(port: server.localPort)
            _ = try await client.post(body: [1])
            await client.close()
            var iterator = server.events.makeAsyncIterator()
            let opened = try #require(await iterator.next())
            let closed = try #require(await iterator.next())
            #expect(opened == .opened(opened.connectionID))
            #expect(closed == .closed(opened.connectionID))
        }
    }
}

@Suite("HTTP2WireServer lifecycle")
struct HTTP2WireServerLifecycleTests {
    @Test("run returns when its task is cancelled, and stalled streams see the connection close")
    func cancellation() async throws {
        let server = try await HTTP2WireServer.bind(handler: { stream in
            _ = await stream.waitForPeerClose()
        })
        #expect(server.localPort > 0)
        let client = try await H2TestClient.connect(port: server.localPort)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { _ = try? await client.post(body: [1]) }
            // Cancel once the connection is open; run must return and the stalled request must end.
            _ = await firstEvent(server) { if case .opened = $0 { true } else { false } }
            group.cancelAll()
            try await group.waitForAll()
        }
        try await client.channel.closeFuture.get()
        #expect(server.openConnectionCount == 0)
    }
}
