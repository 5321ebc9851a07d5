/// What runs a service of a scenario: our `demo-service`, the Python peer, or any command,
/// or an already running external service.
///
/// docs/cello-telemetry.md section 7: "what each one runs (our `demo-service`, a peer from `Conformance/peers/`,
/// or any command)".
public struct ServiceKind: Sendable, Hashable, CustomStringConvertible {
    private enum Backing: String, Sendable, Hashable, CaseIterable {
        case demo, python, command, external
    }

    private let backing: Backing

    private init(_ backing: Backing) { self.backing = backing }

    /// The `demo-service` executable built by this package.
    public static let demo = ServiceKind(.demo)
    /// `Conformance/peers/python/service.py` run with the peers' virtual environment.
    public static let python = ServiceKind(.python)
    /// Any command given in the scenario, with `{port}`, `{downstream}` and `{name}` placeholders.
    public static let command = ServiceKind(.command)
    /// A service already running at `url` (the compose stack's a, b, c): never started or stopped by the runner,
    /// waited for by probing its `/health` (docs/cello-telemetry.md section 8).
    public static let external = ServiceKind(.external)

    /// Every accepted spelling, for error messages.
    public static let allNames = Backing.allCases.map(\.rawValue)

    /// Parses the YAML spelling; nil for an unknown kind.
    public init?(name: String) {
        guard let backing = Backing(rawValue: name) else { return nil }
        self.backing = backing
    }

    public var description: String { backing.rawValue }
}
