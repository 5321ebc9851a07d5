import Benchmark
import CelloTelemetry
import Logging
import ServiceLifecycle
import Tracing

/// Span start + 5 attributes + end: CelloTracer sampled (into a no-op exporter, the batch processor running),
/// CelloTracer unsampled, and swift-distributed-tracing's NoOpTracer doing the same calls as the floor.
enum SpanBenchmarks {
    static func register() {
        Benchmark("span start+end, 5 attributes: NoOpTracer (floor)") { benchmark in
            let tracer = NoOpTracer()
            for _ in benchmark.scaledIterations {
                startAndEnd(tracer)
            }
        }
        Benchmark("span start+end, 5 attributes: CelloTracer sampled, no-op exporter") { benchmark in
            try await measure(benchmark, samplingRate: 1.0)
        }
        Benchmark("span start+end, 5 attributes: CelloTracer unsampled") { benchmark in
            try await measure(benchmark, samplingRate: 0.0)
        }
    }

    /// Runs the batch processor (as an application's ServiceGroup would) while the spans are made.
    private static func measure(_ benchmark: Benchmark, samplingRate: Double) async throws {
        var config = OpenTelemetryConfig(serviceName: "bench", samplingRate: samplingRate, batchSize: 512)
        config.maxQueueSize = 65_536
        config.scheduleDelayMs = 100
        let telemetry = try Telemetry.make(
            config: config, environment: [:], exporter: NoOpSpanExporter(), logger: Logger(label: "bench"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await telemetry.service.run() }
            let tracer = telemetry.tracer
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                startAndEnd(tracer)
            }
            benchmark.stopMeasurement()
            group.cancelAll()
        }
    }

    /// The same calls for every tracer: a server span, five attributes of four types, end.
    @inline(never)
    static func startAndEnd<T: Tracer>(_ tracer: T) {
        let span = tracer.startSpan("GET /api/users/{id}", context: .topLevel, ofKind: .server)
        span.attributes["http.request.method"] = "GET"
        span.attributes["http.route"] = "/api/users/{id}"
        span.attributes["http.response.status_code"] = 200
        span.attributes["http.request.duration_ms"] = 1.25
        span.attributes["cache.hit"] = true
        span.end()
    }
}

/// Accepts and discards every batch: the exporter cost is out of the span benchmarks.
struct NoOpSpanExporter: SpanExporter {
    func export(_ batch: [FinishedSpan]) async throws { blackHole(batch.count) }
    func forceFlush() async throws {}
    func shutdown() async {}
}
