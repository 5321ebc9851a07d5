import Benchmark
import CelloOTLP
import GRPCCore

/// One round = `streams` concurrent exports of a `LoadRequest.spansPerBatch`-span batch, spread over `connections`
/// HTTP/2 connections, into a ``FakeCollector`` whose store is bounded (docs/cello-telemetry.md
/// section 6, limits) so that memory stays flat however long it runs.
enum IngestBenchmark {
    static let spansPerSecond = BenchmarkMetric.custom("spans/s", polarity: .prefersLarger, useScalingFactor: false)
    static let requestLatency = BenchmarkMetric.custom("request latency (us)", polarity: .prefersSmaller,
                                                       useScalingFactor: false)

    static func register() {
        register(connections: 4, streams: 32)
        register(connections: 1, streams: 1)  // one request at a time: the latency floor
    }

    static func register(connections: Int, streams: Int) {
        let fixture = IngestFixture(connections: connections)
        Benchmark(
            "fake-collector OTLP/gRPC ingest, \(connections) connections, \(streams) streams x \(LoadRequest.spansPerBatch) spans",
            configuration: .init(
                metrics: [.wallClock, .throughput, .peakMemoryResident, spansPerSecond, requestLatency],
                warmupIterations: 3,
                maxDuration: .seconds(10),
                maxIterations: 2_000
            ),
            closure: { benchmark in
                let load = try fixture.load()
                let requests = fixture.requests
                var latencies: [Duration] = []
                latencies.reserveCapacity(benchmark.scaledIterations.count * streams)
                var rounds: [Duration] = []
                let clock = ContinuousClock()
                benchmark.startMeasurement()
                var sent = 0
                for _ in benchmark.scaledIterations {
                    let start = clock.now
                    try await withThrowingTaskGroup(of: Duration.self) { group in
                        for stream in 0..<streams {
                            let client = load.clients[stream % load.clients.count]
                            let request = requests[sent % requests.count]
                            sent += 1
                            group.addTask {
                                let begin = clock.now
                                _ = try await client.export(request)
                                return clock.now - begin
                            }
                        }
                        for try await latency in group { latencies.append(latency) }
                    }
                    rounds.append(clock.now - start)
                }
                benchmark.stopMeasurement()
                let spansPerRound = Double(streams * LoadRequest.spansPerBatch)
                for round in rounds {
                    benchmark.measurement(spansPerSecond, Int(spansPerRound / Self.seconds(round)))
                }
                for latency in latencies {
                    benchmark.measurement(requestLatency, Int(Self.seconds(latency) * 1_000_000))
                }
            },
            setup: { try await fixture.start() },
            teardown: { await fixture.stop() }
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
