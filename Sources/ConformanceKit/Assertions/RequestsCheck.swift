/// Requests not slowed: every request of the traffic is answered 2xx, none slower than `maxLatencyMs` (the service
/// is not held up by its telemetry, e.g. while the collector is down).
enum RequestsCheck {
    static func evaluate(_ expectation: RequestsExpectation, _ observed: Observations) -> ExpectationResult {
        let traffic = observed.traffic
        var failures: [String] = []
        let bad = traffic.outcomes.filter { ($0.status ?? 0) / 100 != 2 }
        if !bad.isEmpty {
            let first = bad[0]
            failures.append(
                "\(bad.count) of \(traffic.outcomes.count) requests failed (first: \(first.status.map { "HTTP \($0)" } ?? first.error ?? "no answer"))")
        }
        if let limit = expectation.maxLatencyMs, traffic.maxLatencyMs > Double(limit) {
            failures.append("slowest request took \(ExportTimeoutCheck.format(traffic.maxLatencyMs)) ms, over \(limit) ms")
        }
        return .check(
            "requests", failures: failures, passed: "\(traffic.outcomes.count) requests answered 2xx",
            evidence: [
                "latency p50 \(ExportTimeoutCheck.format(traffic.latency(quantile: 0.5))) ms, p99 "
                    + "\(ExportTimeoutCheck.format(traffic.latency(quantile: 0.99))) ms, max \(ExportTimeoutCheck.format(traffic.maxLatencyMs)) ms"
            ])
    }
}
