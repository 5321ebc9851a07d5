import HTTP2Wire
import Synchronization

/// Runs an HTTP2WireServer on 127.0.0.1:0 for the length of `body`, then shuts it down.
func withTestServer<T: Sendable>(
    configuration: HTTP2WireConfiguration = HTTP2WireConfiguration(),
    handler: @escaping HTTP2WireServer.Handler,
    _ body: (HTTP2WireServer) async throws -> T
) async throws -> T {
    let server = try await HTTP2WireServer.bind(host: "127.0.0.1", port: 0, configuration: configuration, handler: handler)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        do {
            let result = try await body(server)
            await server.shutdown()
            try await group.waitForAll()
            return result
        } catch {
            await server.shutdown()
            group.cancelAll()
            throw error
        }
    }
}

/// Echoes the request body back with `x-path` and `x-method` headers and a `grpc-status: 0` trailer.
@Sendable func echoHandler(_ stream: HTTP2ServerStream) async {
    do {
        let body = try await stream.readBody(upTo: 64 << 20)
        try await stream.sendHeaders([
            HTTP2Header(":status", "200"),
            HTTP2Header("x-path", stream.requestHeaders.first(named: ":path") ?? ""),
            HTTP2Header("x-method", stream.requestHeaders.first(named: ":method") ?? ""),
            HTTP2Header("x-header-count", "\(stream.requestHeaders.count)"),
        ])
        try await stream.sendData(body)
        try await stream.sendTrailers([HTTP2Header("grpc-status", "0"), HTTP2Header("x-length", "\(body.count)")])
    } catch {
        await stream.reset(errorCode: 2)
    }
}

/// Values a handler hands to the test, in arrival order.
final class Mailbox<Value: Sendable>: Sendable {
    let stream: AsyncStream<Value>
    private let continuation: AsyncStream<Value>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Value.self)
    }

    func send(_ value: Value) { continuation.yield(value) }

    func next() async -> Value? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }
}

/// Reads connection events until `predicate` matches one (or the stream ends).
func firstEvent(
    _ server: HTTP2WireServer, where predicate: (HTTP2ConnectionEvent) -> Bool
) async -> HTTP2ConnectionEvent? {
    for await event in server.events where predicate(event) { return event }
    return nil
}

extension HTTP2ConnectionEvent {
    var isProtocolError: Bool {
        if case .protocolError = self { return true }
        return false
    }

    var connectionID: UInt64 {
        switch self {
        case .opened(let id), .closed(let id), .protocolError(let id, _): id
        }
    }
}
