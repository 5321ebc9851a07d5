/// The OTLP transport.
///
/// Spec: docs/cello-telemetry.md section 1 (`protocol`); OTEL_EXPORTER_OTLP_PROTOCOL values.
public struct ExportProtocol: Sendable, Hashable, CustomStringConvertible {
    enum Backing: String, Sendable, Hashable {
        case grpc, httpProtobuf = "http/protobuf", httpJSON = "http/json"
    }

    let backing: Backing

    /// OTLP/gRPC (the default).
    public static let grpc = ExportProtocol(backing: .grpc)
    /// OTLP/HTTP with protobuf bodies.
    public static let httpProtobuf = ExportProtocol(backing: .httpProtobuf)
    /// OTLP/HTTP with JSON bodies.
    public static let httpJSON = ExportProtocol(backing: .httpJSON)

    /// Parses `grpc`, `http/protobuf` or `http/json`; nil otherwise.
    public init?(name: some StringProtocol) {
        guard let backing = Backing(rawValue: name.lowercased()) else { return nil }
        self.backing = backing
    }

    private init(backing: Backing) {
        self.backing = backing
    }

    /// True for the two HTTP protocols.
    public var isHTTP: Bool { backing != .grpc }

    public var description: String { backing.rawValue }
}
