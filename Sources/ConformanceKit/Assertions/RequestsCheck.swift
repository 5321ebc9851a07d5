/// The traffic itself: every request answered 2xx, none slower than the bound (services are not slowed by
/// telemetry, e.g. while the collector is down). Issue 7.
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

/// Every service stopped cleanly on SIGTERM: exit status 0 within the grace period (which includes its flush).
enum ShutdownCheck {
    static func evaluate(_ observed: Observations) -> ExpectationResult {
        var failures: [String] = []
        for service in observed.services {
            if service.killed {
                failures.append("\(service.name) did not exit within the grace period after SIGTERM and was killed")
            } else if let status = service.exitStatus, status != 0 {
                failures.append("\(service.name) exited with status \(status) after SIGTERM")
            }
        }
        return .check(
            "shutdown", failures: failures, passed: "every service exited 0 after SIGTERM",
            evidence: observed.services.map { "\($0.name): exit \($0.exitStatus.map(String.init) ?? "?")" })
    }
}
