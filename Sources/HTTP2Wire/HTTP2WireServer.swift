internal import NIOCore
internal import NIOPosix
import Synchronization

/// An HTTP/2 server over libnghttp2 that hands each request stream to an async handler: the wire under the fake
/// collector's gRPC receiver (docs/cello-telemetry.md section 6).
///
/// Bound by ``HTTP2WireConfiguration``: connections past `maxConnections` get GOAWAY(REFUSED_STREAM) and are closed,
/// streams past `maxConcurrentStreams` get RST_STREAM(REFUSED_STREAM), header lists past `maxHeaderListSize` are
/// answered 431 (past four times it, RST_STREAM). A peer that breaks HTTP/2 gets GOAWAY(PROTOCOL_ERROR), a
/// ``HTTP2ConnectionEvent/protocolError(_:_:)`` event and a closed connection; other connections are untouched.
public final class HTTP2WireServer: Sendable {
    public typealias Handler = @Sendable (HTTP2ServerStream) async -> Void

    /// Connection-level events for the judge: opened, protocol errors, closed. One consumer; the newest 4096
    /// events are kept while nobody reads.
    public let events: AsyncStream<HTTP2ConnectionEvent>
    /// The port actually bound (useful with port 0).
    public let localPort: Int

    private let serverChannel: NIOAsyncChannel<NIOAsyncChannel<HTTP2ServerStream, Never>, Never>
    private let registry: Registry
    private let eventsContinuation: AsyncStream<HTTP2ConnectionEvent>.Continuation
    private let handler: Handler

    /// A `Mutex` around the registry, shared with the channel initializer.
    private final class Registry: Sendable {
        let state: Mutex<HTTP2ConnectionRegistry>
        init(maxConnections: Int) { state = Mutex(HTTP2ConnectionRegistry(maxConnections: maxConnections)) }
    }

    private init(
        serverChannel: NIOAsyncChannel<NIOAsyncChannel<HTTP2ServerStream, Never>, Never>,
        localPort: Int,
        registry: Registry,
        events: AsyncStream<HTTP2ConnectionEvent>,
        eventsContinuation: AsyncStream<HTTP2ConnectionEvent>.Continuation,
        handler: @escaping Handler
    ) {
        self.serverChannel = serverChannel
        self.localPort = localPort
        self.registry = registry
        self.events = events
        self.eventsContinuation = eventsContinuation
        self.handler = handler
    }

    /// Binds (host 127.0.0.1 and port 0 = any free port by default); serve with ``run()``.
    /// - Throws: the socket error when the address cannot be bound.
    public static func bind(
        host: String = "127.0.0.1",
        port: Int = 0,
        configuration: HTTP2WireConfiguration = HTTP2WireConfiguration(),
        handler: @escaping Handler
    ) async throws -> HTTP2WireServer {
        let registry = Registry(maxConnections: configuration.maxConnections)
        let (events, continuation) = AsyncStream.makeStream(
            of: HTTP2ConnectionEvent.self, bufferingPolicy: .bufferingNewest(4096))
        let report: @Sendable (HTTP2ConnectionEvent) -> Void = { event in
            // The slot is free before `.closed` is seen, so whoever waits for it can connect again (closeFuture, which
            // completes later, frees it too for a connection whose session never started).
            if case .closed(let id) = event { registry.state.withLock { $0.closed(id) } }
            continuation.yield(event)
        }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let admission = registry.state.withLock { $0.admit(channel) }
                    let (id, refuse) =
                        switch admission {
                        case .accepted(let id): (id, false)
                        case .refused(let id): (id, true)
                        }
                    if !refuse {
                        channel.closeFuture.whenComplete { _ in registry.state.withLock { $0.closed(id) } }
                    }
                    let session = NGHTTP2ServerSession(
                        connectionID: id, eventLoop: channel.eventLoop, configuration: configuration, report: report)
                    try channel.pipeline.syncOperations.addHandler(
                        HTTP2ServerConnectionHandler(session: session, refuse: refuse))
                    return try NIOAsyncChannel<HTTP2ServerStream, Never>(wrappingChannelSynchronously: channel)
                }
            }
        let localPort = channel.channel.localAddress?.port ?? port
        return HTTP2WireServer(
            serverChannel: channel, localPort: localPort, registry: registry, events: events,
            eventsContinuation: continuation, handler: handler)
    }

    /// Connections refused so far because `maxConnections` were open (or the server was shutting down).
    public var refusedConnectionCount: Int { registry.state.withLock { $0.refusedCount } }

    /// Connections open now.
    public var openConnectionCount: Int { registry.state.withLock { $0.openCount } }

    /// Serves until ``shutdown()`` or until the calling task is cancelled (both return normally); each connection and
    /// each stream runs in a child task of this call.
    /// - Throws: a socket error of the listening channel.
    public func run() async throws {
        let handler = self.handler
        defer { eventsContinuation.finish() }
        do {
            try await withTaskCancellationHandler {
                try await serverChannel.executeThenClose { connections in
                    try await withThrowingDiscardingTaskGroup { group in
                        for try await connection in connections {
                            group.addTask { await Self.serve(connection, handler: handler) }
                        }
                    }
                }
            } onCancel: {
                closeAll()
            }
        } catch is CancellationError {
            // Cancellation is the way to stop serving, not a failure.
        }
    }

    /// Stops accepting and closes every open connection (their streams end with `.connectionClosed`).
    public func shutdown() async {
        closeAll()
        try? await serverChannel.channel.closeFuture.get()
    }

    private func closeAll() {
        let channels = registry.state.withLock { $0.shutDown() }
        serverChannel.channel.close(promise: nil)
        for channel in channels { channel.close(promise: nil) }
    }

    private static func serve(_ connection: NIOAsyncChannel<HTTP2ServerStream, Never>, handler: @escaping Handler) async {
        try? await connection.executeThenClose { streams in
            await withDiscardingTaskGroup { group in
                do {
                    for try await stream in streams {
                        group.addTask {
                            await handler(stream)
                            await stream.handlerFinished()
                        }
                    }
                } catch {
                    // The connection failed; its streams see `.connectionClosed`.
                }
            }
        }
    }
}
