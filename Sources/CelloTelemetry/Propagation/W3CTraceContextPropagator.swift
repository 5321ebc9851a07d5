import Instrumentation

/// W3C `traceparent` + `tracestate`.
///
/// Spec: https://www.w3.org/TR/trace-context-2/ (an invalid traceparent starts a new trace; an invalid tracestate
/// is dropped while the traceparent is kept); docs/cello-telemetry.md section 2. Several `tracestate` fields are
/// one list: the extractor returns them joined in order with ",", and ``TraceState/init(header:)`` reads that.
/// Injection writes only what was validated (ids, the two defined flags, grammar-checked tracestate members).
public struct W3CTraceContextPropagator: ContextPropagator {
    public init() {}

    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, using extractor: Extract) -> ExtractedContext
    where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "traceparent", from: carrier),
              var context = TraceParent.parse(header)
        else { return ExtractedContext() }
        if let state = extractor.extract(key: "tracestate", from: carrier), let traceState = TraceState(header: state) {
            context.traceState = traceState
        }
        return ExtractedContext(spanContext: context)
    }

    public func inject<Carrier, Inject: Injector>(
        _ spanContext: SpanContext?, baggage: Baggage?, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let spanContext, spanContext.isValid else { return }
        injector.inject(TraceParent.format(spanContext), forKey: "traceparent", into: &carrier)
        if !spanContext.traceState.isEmpty {
            injector.inject(spanContext.traceState.header, forKey: "tracestate", into: &carrier)
        }
    }
}
