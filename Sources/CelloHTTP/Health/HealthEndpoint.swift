import HTTPTypes

/// Runs the health checks of one endpoint concurrently, each bounded by a timeout, and renders the answer:
/// 200 `{"status":"up"}` or 503 `{"status":"down","checks":[{"name":...,"reason":...}]}` listing the failing ones
/// (docs/cello-telemetry.md section 5).
struct HealthEndpoint: Sendable {
    let checks: [HealthCheck]
    let timeout: Duration

    struct Failure: Encodable, Sendable {
        var name: String
        var reason: String
    }

    struct Report: Encodable, Sendable {
        var status: String
        var checks: [Failure]?
    }

    func evaluate() async -> [Failure] {
        let timeout = self.timeout
        let results = await withTaskGroup(of: (Int, HealthCheckResult).self) { group in
            for (index, check) in self.checks.enumerated() {
                group.addTask {
                    await Self.run(check, timeout: timeout)
                        .map { (index, $0) } ?? (index, .down("timed out after \(timeout)"))
                }
            }
            var results = [HealthCheckResult?](repeating: nil, count: self.checks.count)
            for await (index, result) in group {
                results[index] = result
            }
            return results
        }
        return zip(self.checks, results).compactMap { check, result in
            result?.failure.map { Failure(name: check.name, reason: $0) }
        }
    }

    func respond() async throws -> CelloResponse {
        let failures = await self.evaluate()
        if failures.isEmpty {
            return try .json(Report(status: "up", checks: nil))
        }
        return try .json(Report(status: "down", checks: failures), status: .serviceUnavailable)
    }

    /// The check's result, or nil when it did not finish within `timeout`.
    private static func run(_ check: HealthCheck, timeout: Duration) async -> HealthCheckResult? {
        await withTaskGroup(of: HealthCheckResult?.self) { group in
            group.addTask { await check.check() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
