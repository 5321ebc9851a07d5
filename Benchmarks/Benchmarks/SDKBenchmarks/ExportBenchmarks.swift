import Benchmark
import CelloOTLP
import CelloTelemetry
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import Logging
import Synchronization
import Tracing

/// OTLP/gRPC export throughput: batches of `batchSize` spans through ``OTLPGRPCSpanExporter`` (its own
/// long-lived connection, run by `run()`) into a grpc-swift server in the same process that decodes each request
/// and counts its spans.
enum ExportBenchmarks {
    static let batchSize = 512

    static func register() {
        let fixture = Fixture()
        Benchmark(
            "OTLP/gRPC export, batches of \(batchSize) spans",
            configuration: .init(
                metrics: [.wallClock, .mallocCountTotal, .throughput],
                warmupIterations: 5,
                maxDuration: .seconds(5),
                maxIterations: 10_000
            ),
            closure: { benchmark in
                let exporter = try fixture.exporter()
                let batch = fixture.batch
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    try await exporter.export(batch)
                }
                benchmark.stopMeasurement()
            },
            setup: { try await fixture.start() },
            teardown: { await fixture.stop() }
        )
    }

    /// The receiver and the exporter, alive across the iterations of the benchmark.
    final class Fixture: Sendable {
        private struct Running {
            var exporter: OTLPGRPCSpanExporter
            var task: Task<Void, any Error>
        }

        private let running = Mutex<Running?>(nil)
        let counter = CountingTraceService()
        let batch: [FinishedSpan] = (0..<ExportBenchmarks.batchSize).map { SpanFactory.finishedSpan(index: $0) }

        func exporter() throws -> OTLPGRPCSpanExporter {
            guard let exporter = running.withLock({ $0?.exporter }) else {
                throw RPCError(code: .failedPrecondition, message: "setup did not run")
            }
            return exporter
        }

        func start() async throws {
            let server = GRPCServer(
                transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext),
                services: [counter]
            )
            // The benchmark harness has no structured scope that outlives setup(), so the server and the
            // exporter's connection run in one unstructured task, cancelled in teardown.
            let ready = AsyncStream<OTLPGRPCSpanExporter>.makeStream()
            let task = Task {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { try await server.serve() }
                    let address = try await server.listeningAddress
                    let port = address?.ipv4?.port ?? 0
                    let exporter = try OTLPGRPCSpanExporter(
                        configuration: OTLPExporterConfiguration(endpoint: "http://127.0.0.1:\(port)"),
                        logger: Logger(label: "bench"))
                    group.addTask { try await exporter.run() }
                    ready.continuation.yield(exporter)
                    ready.continuation.finish()
                }
            }
            var iterator = ready.stream.makeAsyncIterator()
            guard let exporter = await iterator.next() else {
                throw RPCError(code: .unavailable, message: "receiver did not start")
            }
            running.withLock { $0 = Running(exporter: exporter, task: task) }
        }

        func stop() async {
            guard let running = running.withLock({ value in defer { value = nil }; return value }) else { return }
            await running.exporter.shutdown()
            running.task.cancel()
            _ = await running.task.result
        }
    }
}

/// Decodes each request (as a collector would) and counts the spans.
final class CountingTraceService: Opentelemetry_Proto_Collector_Trace_V1_TraceService.SimpleServiceProtocol {
    let spans = Atomic<Int>(0)

    func export(
        request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest,
        context: ServerContext
    ) async throws -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse {
        var count = 0
        for resourceSpans in request.resourceSpans {
            for scopeSpans in resourceSpans.scopeSpans { count += scopeSpans.spans.count }
        }
        spans.add(count, ordering: .relaxed)
        return .init()
    }
}

/// Spans shaped like the server spans of docs/cello-telemetry.md section 3.1.
enum SpanFactory {
    static let resource = Resource(serviceName: "bench", attributes: ["host.name": "localhost"])

    static func finishedSpan(index: Int) -> FinishedSpan {
        var attributes = SpanAttributes()
        attributes.set("http.request.method", value: .string("GET"))
        attributes.set("url.path", value: .string("/api/users/\(index)"))
        attributes.set("http.route", value: .string("/api/users/{id}"))
        attributes.set("http.response.status_code", value: .int64(200))
        attributes.set("http.request.duration_ms", value: .double(1.25))
        return FinishedSpan(
            name: "GET /api/users/{id}",
            kind: .server,
            context: SpanContext(traceID: .random(), spanID: .random(), parentSpanID: .random(), traceFlags: .sampled),
            startTimeNanos: 1_700_000_000_000_000_000,
            endTimeNanos: 1_700_000_000_001_250_000,
            attributes: attributes,
            resource: resource
        )
    }
}
