/// Request compression for OTLP export.
///
/// Spec: docs/cello-telemetry.md section 1 (`compression`: `none` | `gzip`).
public struct Compression: Sendable, Hashable, CustomStringConvertible {
    enum Backing: String, Sendable, Hashable {
        case none, gzip
    }

    let backing: Backing

    public static let none = Compression(backing: .none)
    public static let gzip = Compression(backing: .gzip)

    /// Parses `none` or `gzip`; nil otherwise.
    public init?(name: some StringProtocol) {
        guard let backing = Backing(rawValue: name.lowercased()) else { return nil }
        self.backing = backing
    }

    private init(backing: Backing) {
        self.backing = backing
    }

    public var description: String { backing.rawValue }
}
