import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends a scenario's root requests to the entry service with the configured concurrency and measures each one.
///
/// cello-telemetry.md section 7 ("the traffic (requests, count, concurrency)").
struct TrafficDriver: Sendable {
    var traffic: TrafficSpec
    /// `HOST:PORT` of the entry service.
    var address: String
    /// Called after each completed request with (done, total).
    var progress: @Sendable (Int, Int) -> Void = { _, _ in }

    func run() async -> TrafficResult {
        var result = TrafficResult()
        result.start = Date()
        let total = traffic.count
        await withTaskGroup(of: TrafficResult.Outcome.self) { group in
            var started = 0
            while started < min(traffic.concurrency, total) {
                group.addTask { await one() }
                started += 1
            }
            while let outcome = await group.next() {
                result.outcomes.append(outcome)
                progress(result.outcomes.count, total)
                if started < total {
                    group.addTask { await one() }
                    started += 1
                }
            }
        }
        result.end = Date()
        return result
    }

    private func one() async -> TrafficResult.Outcome {
        var request = HTTPClientRequest(url: "http://\(address)\(traffic.path)")
        request.method = HTTPMethod(rawValue: traffic.method)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            return .init(status: Int(response.status.code), latencyMs: milliseconds(clock.now - start), error: nil)
        } catch {
            return .init(status: nil, latencyMs: milliseconds(clock.now - start), error: "\(error)")
        }
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
