/// The Kubernetes-style probes a health check answers for: `/health/live`, `/health/ready`, `/health/startup`.
/// `/health` runs every check (docs/cello-telemetry.md section 5).
public struct HealthProbe: Hashable, Sendable, CustomStringConvertible {
    private enum Backing: Hashable, Sendable {
        case live
        case ready
        case startup
    }
    private let backing: Backing
    private init(_ backing: Backing) { self.backing = backing }

    public static let live = HealthProbe(.live)
    public static let ready = HealthProbe(.ready)
    public static let startup = HealthProbe(.startup)

    /// Every probe.
    public static let all: Set<HealthProbe> = [.live, .ready, .startup]

    /// The path segment after `/health/`.
    public var description: String { "\(self.backing)" }
}
