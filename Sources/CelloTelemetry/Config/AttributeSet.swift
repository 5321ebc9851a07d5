/// Which HTTP attribute names the instrumentation emits.
///
/// Spec: docs/cello-telemetry.md section 3.1 (`cello` = the seed's names, `stable` = stable semantic conventions,
/// `both`, the default).
public struct AttributeSet: Sendable, Hashable, CustomStringConvertible {
    enum Backing: String, Sendable, Hashable {
        case cello, stable, both
    }

    let backing: Backing

    public static let cello = AttributeSet(backing: .cello)
    public static let stable = AttributeSet(backing: .stable)
    public static let both = AttributeSet(backing: .both)

    /// Parses `cello`, `stable` or `both`; nil otherwise.
    public init?(name: some StringProtocol) {
        guard let backing = Backing(rawValue: name.lowercased()) else { return nil }
        self.backing = backing
    }

    private init(backing: Backing) {
        self.backing = backing
    }

    /// True when the seed's attribute names are emitted.
    public var includesCello: Bool { backing != .stable }
    /// True when the stable semantic-convention names are emitted.
    public var includesStable: Bool { backing != .cello }

    public var description: String { backing.rawValue }
}
