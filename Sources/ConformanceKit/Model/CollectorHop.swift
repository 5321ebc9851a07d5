/// A real OpenTelemetry collector put between a scenario's services and the in-process fake collector.
///
/// Services export to rotel and rotel forwards to our fake collector (SDK -> real collector -> fake
/// collector). The YAML spelling is `collector: {via: rotel}`.
public struct CollectorHop: Sendable, Hashable, CustomStringConvertible {
    private enum Backing: String, Sendable, Hashable, CaseIterable {
        case rotel
    }

    private let backing: Backing

    private init(_ backing: Backing) { self.backing = backing }

    /// The Rust collector from the `rotel` PyPI package (pinned in Conformance/peers/python/requirements.txt).
    public static let rotel = CollectorHop(.rotel)

    /// Every accepted spelling, for error messages.
    public static let allNames = Backing.allCases.map(\.rawValue)

    /// Parses the YAML spelling; nil for an unknown hop.
    public init?(name: String) {
        guard let backing = Backing(rawValue: name) else { return nil }
        self.backing = backing
    }

    public var description: String { backing.rawValue }
}
