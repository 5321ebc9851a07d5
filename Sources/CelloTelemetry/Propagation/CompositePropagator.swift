import Instrumentation

/// Several formats at once: injects every one, takes the span context from the first that holds a valid one, and
/// merges baggage from all (earlier formats win per key).
///
/// Spec: docs/cello-telemetry.md section 2 ("a list propagates with all of them");
/// https://opentelemetry.io/docs/specs/otel/context/api-propagators/#composite-propagator
public struct CompositePropagator: ContextPropagator {
    public let propagators: [any ContextPropagator]

    public init(_ propagators: [any ContextPropagator]) {
        self.propagators = propagators
    }

    /// The propagators a configured list names, in order (`w3c` = trace context + baggage).
    public init(_ propagation: [Propagation]) {
        var result: [any ContextPropagator] = []
        for format in propagation {
            switch format.backing {
            case .w3c:
                result.append(W3CTraceContextPropagator())
                result.append(W3CBaggagePropagator())
            case .traceContext: result.append(W3CTraceContextPropagator())
            case .baggage: result.append(W3CBaggagePropagator())
            case .b3: result.append(B3Propagator(singleHeader: true))
            case .b3multi: result.append(B3Propagator(singleHeader: false))
            case .jaeger: result.append(JaegerPropagator())
            }
        }
        self.init(result)
    }

    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, using extractor: Extract) -> ExtractedContext
    where Extract.Carrier == Carrier {
        var result = ExtractedContext()
        for propagator in propagators {
            let found = propagator.extract(carrier, using: extractor)
            if result.spanContext == nil, let context = found.spanContext { result.spanContext = context }
            if let baggage = found.baggage {
                var merged = result.baggage ?? Baggage()
                merged.fill(from: baggage)
                result.baggage = merged
            }
        }
        return result
    }

    public func inject<Carrier, Inject: Injector>(
        _ spanContext: SpanContext?, baggage: Baggage?, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        for propagator in propagators {
            propagator.inject(spanContext, baggage: baggage, into: &carrier, using: injector)
        }
    }
}
