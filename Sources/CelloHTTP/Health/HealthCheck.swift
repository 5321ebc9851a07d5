import Synchronization

/// One named check run by the health endpoints: it passes when it returns `.up`.
public struct HealthCheck: Sendable {
    public var name: String
    public var probes: Set<HealthProbe>
    public var check: @Sendable () async -> HealthCheckResult

    public init(
        name: String,
        probes: Set<HealthProbe> = HealthProbe.all,
        check: @escaping @Sendable () async -> HealthCheckResult
    ) {
        self.name = name
        self.probes = probes
        self.check = check
    }
}

/// The outcome of a health check.
public struct HealthCheckResult: Hashable, Sendable {
    /// nil when up, else why the check failed.
    public var failure: String?

    public static let up = HealthCheckResult(failure: nil)

    public static func down(_ reason: String) -> HealthCheckResult {
        HealthCheckResult(failure: reason)
    }

    public var isUp: Bool { self.failure == nil }
}

extension App {
    /// Registers a check for the health endpoints; `/health` and each probe in `probes` answer 503 while it fails.
    /// A check that takes longer than 2 s counts as failed and is cancelled; the answer waits until the check
    /// returns, so a check should honour task cancellation.
    public func addHealthCheck(
        _ name: String,
        probes: Set<HealthProbe> = HealthProbe.all,
        _ check: @escaping @Sendable () async -> HealthCheckResult
    ) {
        self.state.withLock { $0.healthChecks.append(HealthCheck(name: name, probes: probes, check: check)) }
    }
}
