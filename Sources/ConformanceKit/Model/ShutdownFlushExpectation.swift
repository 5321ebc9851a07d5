/// Spans still queued at shutdown are exported by it: no trace export arrives before the first SIGTERM and at
/// least one arrives after it (pair with `noLoss` for the count). docs/cello-telemetry.md section 4 (shutdown).
public struct ShutdownFlushExpectation: Sendable, Hashable {
    /// The services it is about; empty means every service of the scenario.
    public var services: [String]
    public init(services: [String] = []) { self.services = services }
}
