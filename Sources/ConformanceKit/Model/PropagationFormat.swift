/// A context propagation format a hop is configured with and judged against.
///
/// docs/cello-telemetry.md section 2 (propagators) and section 7
/// ("the headers on the wire between hops are the configured format").
public struct PropagationFormat: Sendable, Hashable, CustomStringConvertible {
    private enum Backing: String, Sendable, Hashable, CaseIterable {
        case w3c, b3, b3multi, jaeger
    }

    private let backing: Backing

    private init(_ backing: Backing) { self.backing = backing }

    /// W3C `traceparent` (+ `tracestate`, `baggage`).
    public static let w3c = PropagationFormat(.w3c)
    /// The single `b3` header.
    public static let b3 = PropagationFormat(.b3)
    /// The `X-B3-*` header set.
    public static let b3multi = PropagationFormat(.b3multi)
    /// `uber-trace-id`.
    public static let jaeger = PropagationFormat(.jaeger)

    /// Accepted spellings (the spec's names plus OTEL_PROPAGATORS' `tracecontext`).
    public static let allNames = Backing.allCases.map(\.rawValue) + ["tracecontext"]

    /// Parses a spec name (`w3c`) or an OTEL_PROPAGATORS name (`tracecontext`); nil when unknown.
    public init?(name: String) {
        if name == "tracecontext" {
            self.backing = .w3c
        } else if let backing = Backing(rawValue: name) {
            self.backing = backing
        } else {
            return nil
        }
    }

    /// The OTEL_PROPAGATORS entries that select this format.
    public var otelPropagators: [String] {
        switch backing {
        case .w3c: ["tracecontext", "baggage"]
        case .b3: ["b3"]
        case .b3multi: ["b3multi"]
        case .jaeger: ["jaeger"]
        }
    }

    /// The lower-case header names that carry the context in this format.
    public var contextHeaders: [String] {
        switch backing {
        case .w3c: ["traceparent"]
        case .b3: ["b3"]
        case .b3multi: ["x-b3-traceid", "x-b3-spanid"]
        case .jaeger: ["uber-trace-id"]
        }
    }

    public var description: String { backing.rawValue }
}
