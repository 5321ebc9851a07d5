import Benchmark

/// Benchmarks of the CelloTelemetry SDK's speed: span start+end with 5 attributes, sampled into a
/// no-op exporter and unsampled, against swift-distributed-tracing's NoOpTracer doing the same calls as the floor;
/// and the throughput of the OTLP/gRPC exporter into an in-process receiver.
///
/// Figures: ns/span = wallClock of one iteration (one span); allocations/span = mallocCountTotal of one
/// iteration; spans/s of export = throughput (batches/s) x `ExportBenchmarks.batchSize`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        warmupIterations: 100,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )
    SpanBenchmarks.register()
    ExportBenchmarks.register()
    DownCollectorBenchmarks.register()
}
