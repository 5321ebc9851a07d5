import AsyncHTTPClient
import CelloHTTP
import CelloTelemetry
import CelloTelemetryTesting
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// Issue 6 "Speed": requests per second of one route with telemetry off and on (sampled, every span exported to
/// an in-process in-memory exporter through the SDK's batch processor), measured by our own keep-alive load client
/// on 127.0.0.1. A benchmark, not a timed test: it runs only with CELLO_HTTP_BENCH=1 and asserts no speed, only
/// that every request succeeded and every span was exported.
@Suite("App throughput benchmark", .enabled(if: ProcessInfo.processInfo.environment["CELLO_HTTP_BENCH"] != nil))
struct AppThroughputBenchmark {
    struct Measurement: CustomStringConvertible {
        var requests: Int
        var seconds: Double
        var latencies: [Duration]
        var rps: Double { Double(self.requests) / self.seconds }
        func percentile(_ p: Double) -> Double {
            let sorted = self.latencies.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))].milliseconds
        }
        var description: String {
            String(format: "%.0f req/s, p50 %.3f ms, p99 %.3f ms (%d requests)", self.rps, self.percentile(0.5),
                   self.percentile(0.99), self.requests)
        }
    }

    static let concurrency = 16
    static let window = Duration.seconds(3)

    @Test("telemetry on keeps most of the uninstrumented throughput")
    func compare() async throws {
        var off: [Measurement] = []
        var on: [Measurement] = []
        for _ in 0..<2 {
            off.append(try await Self.measure(telemetry: nil))
            let exporter = InMemorySpanExporter()
            let measured = try await Self.measure(telemetry: exporter)
            #expect(exporter.finishedSpans.count >= measured.requests)
            on.append(measured)
        }
        let bestOff = off.max { $0.rps < $1.rps }!
        let bestOn = on.max { $0.rps < $1.rps }!
        print("BENCH telemetry off: \(bestOff)")
        print("BENCH telemetry on:  \(bestOn)")
        print(String(format: "BENCH ratio on/off: %.3f", bestOn.rps / bestOff.rps))
    }

    static func measure(telemetry exporter: InMemorySpanExporter?) async throws -> Measurement {
        let app = App(host: "127.0.0.1", port: 0)
        if let exporter {
            try app.enableTelemetry(OpenTelemetryConfig(serviceName: "bench", samplingRate: 1), environment: [:], exporter: exporter)
        }
        app.get("/users/{id}") { request in ["id": request.params["id"] ?? ""] }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let measured = try await Self.measure(app, client)
            try await client.shutdown()
            return measured
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func measure(_ app: App, _ client: HTTPClient) async throws -> Measurement {
        try await app.withRunning { address in
            let url = address.baseURL + "/users/42"
            // Warm-up: connections open, caches filled.
            try await Self.load(client, url: url, for: .milliseconds(300))
            let started = ContinuousClock.now
            let latencies = try await Self.load(client, url: url, for: Self.window)
            return Measurement(
                requests: latencies.count,
                seconds: started.duration(to: .now).milliseconds / 1000,
                latencies: latencies
            )
        }
    }

    @discardableResult
    static func load(_ client: HTTPClient, url: String, for window: Duration) async throws -> [Duration] {
        let deadline = ContinuousClock.now + window
        return try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0..<Self.concurrency {
                group.addTask {
                    var latencies: [Duration] = []
                    while ContinuousClock.now < deadline {
                        let start = ContinuousClock.now
                        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
                        _ = try await response.body.collect(upTo: 1 << 16)
                        guard response.status.code == 200 else { throw CancellationError() }
                        latencies.append(start.duration(to: .now))
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}

extension Duration {
    fileprivate var milliseconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
