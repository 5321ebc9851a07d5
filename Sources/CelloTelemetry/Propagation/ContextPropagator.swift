import Instrumentation

/// Reads and writes one propagation format.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/context/api-propagators/#textmap-propagator;
/// docs/cello-telemetry.md section 2.
public protocol ContextPropagator: Sendable {
    /// What the carrier holds in this format; `spanContext` is nil when absent or invalid (a new trace starts).
    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, using extractor: Extract) -> ExtractedContext
    where Extract.Carrier == Carrier

    /// Writes the context in this format; writes nothing for a nil or invalid span context.
    func inject<Carrier, Inject: Injector>(
        _ spanContext: SpanContext?, baggage: Baggage?, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier
}
