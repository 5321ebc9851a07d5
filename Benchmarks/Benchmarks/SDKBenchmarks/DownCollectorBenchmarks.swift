import Benchmark
import CelloTelemetry
import Logging
import ServiceLifecycle
import Tracing

/// Memory while the collector is down: spans keep ending into a processor whose exports all fail (nothing listens
/// on the endpoint), so the bounded queue (`maxQueueSize`) is all that may grow. peakMemoryResident should stay
/// flat however many spans end.
enum DownCollectorBenchmarks {
    static let maxQueueSize = 2048

    static func register() {
        Benchmark(
            "collector down: 100k spans ended, queue \(maxQueueSize)",
            configuration: .init(
                metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                warmupIterations: 0,
                maxDuration: .seconds(10),
                maxIterations: 5
            )
        ) { benchmark in
            var config = OpenTelemetryConfig(
                serviceName: "bench", otlpEndpoint: "http://127.0.0.1:9", samplingRate: 1.0,
                exportTimeoutMs: 200, batchSize: 512)
            config.maxQueueSize = maxQueueSize
            let telemetry = try Telemetry.make(config: config, environment: [:], logger: Logger(label: "bench"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await telemetry.service.run() }
                benchmark.startMeasurement()
                for _ in 0..<100_000 {
                    SpanBenchmarks.startAndEnd(telemetry.tracer)
                }
                benchmark.stopMeasurement()
                group.cancelAll()
            }
        }
    }
}
