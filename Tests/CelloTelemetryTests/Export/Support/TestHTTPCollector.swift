import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix
import Synchronization
import Testing

/// An in-process OTLP/HTTP collector for exporter tests, on NIO HTTP/1.1: records each request (head, body
/// after gzip decoding, arrival time) and answers from a script (a status with headers and body, or never).
final class TestHTTPCollector: Sendable {
    enum Reply: Sendable {
        case status(Int, headers: [(String, String)] = [], body: [UInt8] = [])
        /// Never answer; the connection stays open until the client closes it.
        case stall
    }

    struct Received: Sendable {
        var method: HTTPMethod
        var uri: String
        var headers: HTTPHeaders
        var body: [UInt8]
        var arrival: ContinuousClock.Instant
    }

    private struct State {
        var script: [Reply] = []
        var received: [Received] = []
    }

    private let state = Mutex(State())

    init(script: [Reply] = []) {
        state.withLock { $0.script = script }
    }

    var received: [Received] { state.withLock { $0.received } }

    private func record(_ request: Received) -> Reply {
        state.withLock { state in
            state.received.append(request)
            return state.script.isEmpty ? .status(200) : state.script.removeFirst()
        }
    }

    /// Serves on 127.0.0.1, port 0, while `body` runs; `body` gets `http://127.0.0.1:PORT`.
    func withRunning<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        NIOHTTPRequestDecompressor(limit: .size(16 << 20)))
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let port = try #require(server.channel.localAddress?.port)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { await self.serve(connection) }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body = []
                case .body(let buffer):
                    body += buffer.readableBytesView
                case .end:
                    guard let head else { continue }
                    let reply = record(
                        Received(method: head.method, uri: head.uri, headers: head.headers, body: body, arrival: .now))
                    switch reply {
                    case .stall:
                        continue  // read on: returns when the client closes the connection
                    case .status(let code, let headers, let responseBody):
                        var responseHeaders = HTTPHeaders(headers)
                        responseHeaders.replaceOrAdd(name: "content-length", value: "\(responseBody.count)")
                        try await outbound.write(
                            .head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: code), headers: responseHeaders)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: responseBody))))
                        try await outbound.write(.end(nil))
                    }
                }
            }
        }
    }
}
