import CelloOTLP
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import Synchronization
import Testing

/// An in-process OTLP/gRPC collector for exporter tests: records every request with its metadata and answers
/// from a script (accept, partial success, a status, a status with RetryInfo, or never).
final class TestTraceService: Opentelemetry_Proto_Collector_Trace_V1_TraceService.SimpleServiceProtocol {
    typealias Request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
    typealias Response = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse

    enum Reply: Sendable {
        case accept
        case partial(rejected: Int64, message: String)
        case fail(RPCError.Code)
        case failWithRetryInfo(RPCError.Code, delay: Duration)
        /// Never answer; returns when the client cancels the RPC.
        case stall
    }

    struct Received: Sendable {
        var request: Request
        var metadata: Metadata
        var arrival: ContinuousClock.Instant
        /// The client's address and port: equal for requests on one connection.
        var remotePeer: String
    }

    enum Event: Sendable {
        case received(Int)
        case stallCancelled(ContinuousClock.Instant)
    }

    private struct State {
        var script: [Reply] = []
        var received: [Received] = []
    }

    private let state = Mutex(State())
    let events: AsyncStream<Event>
    private let eventSink: AsyncStream<Event>.Continuation

    init(script: [Reply] = []) {
        state.withLock { $0.script = script }
        (events, eventSink) = AsyncStream.makeStream()
    }

    var received: [Received] { state.withLock { $0.received } }

    func setScript(_ script: [Reply]) { state.withLock { $0.script = script } }

    func export(request: ServerRequest<Request>, context: ServerContext) async throws -> ServerResponse<Response> {
        let (reply, count) = state.withLock { state -> (Reply, Int) in
            state.received.append(Received(
                    request: request.message, metadata: request.metadata, arrival: .now,
                    remotePeer: context.remotePeer))
            let reply = state.script.isEmpty ? Reply.accept : state.script.removeFirst()
            return (reply, state.received.count)
        }
        eventSink.yield(.received(count))
        switch reply {
        case .accept:
            return ServerResponse(message: Response())
        case .partial(let rejected, let message):
            var response = Response()
            response.partialSuccess.rejectedSpans = rejected
            response.partialSuccess.errorMessage = message
            return ServerResponse(message: response)
        case .fail(let code):
            throw RPCError(code: code, message: "scripted failure")
        case .failWithRetryInfo(let code, let delay):
            throw GoogleRPCStatus(code: code, message: "scripted failure", details: .retryInfo(delay: delay))
        case .stall:
            await waitForCancellation()
            eventSink.yield(.stallCancelled(.now))
            throw RPCError(code: .cancelled, message: "client gave up")
        }
    }

    func export(request: Request, context: ServerContext) async throws -> Response {
        try await export(request: ServerRequest(metadata: [:], message: request), context: context).message
    }
}

/// Returns when the current task is cancelled.
func waitForCancellation() async {
    let (stream, continuation) = AsyncStream<Never>.makeStream()
    await withTaskCancellationHandler {
        for await _ in stream {}
    } onCancel: {
        continuation.finish()
    }
}

/// Runs a plaintext gRPC server with `service` on 127.0.0.1, port 0, for the duration of `body`, which gets the
/// endpoint URL (`http://127.0.0.1:PORT`).
func withTestTraceServer<T: Sendable>(
    _ service: TestTraceService,
    gzip: Bool = false,
    _ body: (String) async throws -> T
) async throws -> T {
    let server = GRPCServer(
        transport: .http2NIOPosix(
            address: .ipv4(host: "127.0.0.1", port: 0),
            transportSecurity: .plaintext,
            config: .defaults { config in
                if gzip { config.compression = .init(enabledAlgorithms: .gzip) }
            }
        ),
        services: [service]
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        defer { group.cancelAll() }
        let address = try await server.listeningAddress
        let port = try #require(address?.ipv4?.port)
        return try await body("http://127.0.0.1:\(port)")
    }
}
