import Instrumentation

/// Reads and writes one propagation format.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/context/api-propagators/#textmap-propagator;
/// cello-telemetry.md section 2.
public protocol ContextPropagator: Sendable {
    /// What the carrier holds in this format; `spanContext` is nil when absent or invalid (a new trace starts).
    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, using extractor: Extract) -> ExtractedContext
    where Extract.Carrier == Carrier

    /// Writes the context in this format; writes nothing for a nil or invalid span context.
    func inject<Carrier, Inject: Injector>(
        _ spanContext: SpanContext?, baggage: Baggage?, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier
}

/// What a propagator found in a carrier.
public struct ExtractedContext: Sendable, Hashable {
    /// The remote parent, `isRemote` set; nil when there was none or it was invalid.
    public var spanContext: SpanContext?
    public var baggage: Baggage?

    public init(spanContext: SpanContext? = nil, baggage: Baggage? = nil) {
        self.spanContext = spanContext
        self.baggage = baggage
    }
}

/// An extractor that can also list the carrier's keys, needed for prefixed headers such as Jaeger's `uberctx-*`.
/// Keys are compared case-insensitively.
public protocol KeyListingExtractor<Carrier>: Extractor {
    associatedtype Carrier
    func keys(in carrier: Carrier) -> [String]
}
