/// A context propagation format.
///
/// Spec: docs/cello-telemetry.md sections 1 and 2 (`w3c` = traceparent + tracestate + baggage);
/// OTEL_PROPAGATORS values at https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/.
public struct Propagation: Sendable, Hashable, CustomStringConvertible {
    enum Backing: String, Sendable, Hashable {
        case w3c, traceContext = "tracecontext", baggage, b3, b3multi, jaeger
    }

    let backing: Backing

    /// W3C traceparent + tracestate and W3C baggage.
    public static let w3c = Propagation(backing: .w3c)
    /// W3C traceparent + tracestate only (OTEL_PROPAGATORS `tracecontext`).
    public static let traceContext = Propagation(backing: .traceContext)
    /// W3C baggage only.
    public static let baggage = Propagation(backing: .baggage)
    /// B3: injects the single `b3` header, extracts single and multi.
    public static let b3 = Propagation(backing: .b3)
    /// B3: injects the X-B3-* headers, extracts single and multi.
    public static let b3multi = Propagation(backing: .b3multi)
    /// Jaeger `uber-trace-id` and `uberctx-` baggage.
    public static let jaeger = Propagation(backing: .jaeger)

    /// Parses a name as used in config and `--propagation` (`w3c`, `tracecontext`, `baggage`, `b3`, `b3multi`,
    /// `jaeger`); nil for anything else.
    public init?(name: some StringProtocol) {
        guard let backing = Backing(rawValue: name.lowercased()) else { return nil }
        self.backing = backing
    }

    private init(backing: Backing) {
        self.backing = backing
    }

    public var description: String { backing.rawValue }
}
