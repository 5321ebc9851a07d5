import Benchmark

/// Benchmarks of the fake collector's speed: OTLP/gRPC ingest with wire checks on, from an in-process
/// load client running many concurrent streams of 512-span batches.
///
/// Figures: spans/s is the custom `spans/s` metric (one sample per round); p99 request latency is the p99 of the
/// custom `request latency (us)` metric (one sample per export); peak memory is `peakMemoryResident`.
let benchmarks: @Sendable () -> Void = {
    IngestBenchmark.register()
}
