import CelloOTLP
import FakeCollector
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import Logging
import Synchronization

/// The collector (in-process, port 0, store bounded) and the load client's connections, alive across the
/// iterations of the benchmark.
final class IngestFixture: Sendable {
    private struct Running {
        var load: IngestLoad
        var stop: AsyncStream<Never>.Continuation
        var task: Task<Void, any Error>
    }

    private let running = Mutex<Running?>(nil)
    private let connections: Int
    /// Distinct batches sent round-robin: more spans than the store keeps, so a batch comes round again only
    /// after its spans were evicted and is stored anew (not judged a duplicate).
    let requests: [Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest] =
        (0..<96).map { _ in LoadRequest.make() }

    init(connections: Int) {
        self.connections = connections
    }

    /// Store bounds for the run: a third of the distinct spans sent, so every insert also evicts (the bounded
    /// steady state) and no batch is a duplicate when it comes round again.
    static func configuration() -> FakeCollectorConfiguration {
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        configuration.maxSpans = 16_384
        configuration.maxBytes = 64 << 20
        configuration.maxRecordedRequests = 1_000
        return configuration
    }

    func load() throws -> IngestLoad {
        guard let load = running.withLock({ $0?.load }) else {
            throw RPCError(code: .failedPrecondition, message: "setup did not run")
        }
        return load
    }

    func start() async throws {
        let ready = AsyncStream<IngestLoad>.makeStream()
        let stop = AsyncStream<Never>.makeStream()
        let logger = {
            var logger = Logger(label: "collector-bench")
            logger.logLevel = .warning
            return logger
        }()
        // The benchmark harness has no structured scope that outlives setup(), so the collector and the client
        // connections run in one unstructured task, stopped in teardown.
        let connections = self.connections
        let task = Task {
            try await FakeCollector.withRunning(configuration: Self.configuration(), logger: logger) { _, addresses in
                let port = Int(addresses.grpc.split(separator: ":").last ?? "") ?? 0
                try await withThrowingDiscardingTaskGroup { group in
                    var clients: [GRPCClient<HTTP2ClientTransport.Posix>] = []
                    for _ in 0..<connections {
                        let transport = try HTTP2ClientTransport.Posix(
                            target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
                        let client = GRPCClient(transport: transport)
                        group.addTask { try await client.runConnections() }
                        clients.append(client)
                    }
                    ready.continuation.yield(IngestLoad(clients: clients.map {
                        Opentelemetry_Proto_Collector_Trace_V1_TraceService.Client(wrapping: $0)
                    }))
                    ready.continuation.finish()
                    for await _ in stop.stream {}
                    for client in clients { client.beginGracefulShutdown() }
                }
            }
        }
        var iterator = ready.stream.makeAsyncIterator()
        guard let load = await iterator.next() else {
            task.cancel()
            _ = await task.result
            throw RPCError(code: .unavailable, message: "the collector did not start")
        }
        running.withLock { $0 = Running(load: load, stop: stop.continuation, task: task) }
    }

    func stop() async {
        guard let running = running.withLock({ value in defer { value = nil }; return value }) else { return }
        running.stop.finish()
        _ = await running.task.result
    }
}
