/// What a propagator found in a carrier.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/context/api-propagators/#extract
public struct ExtractedContext: Sendable, Hashable {
    /// The remote parent, `isRemote` set; nil when there was none or it was invalid.
    public var spanContext: SpanContext?
    public var baggage: Baggage?

    public init(spanContext: SpanContext? = nil, baggage: Baggage? = nil) {
        self.spanContext = spanContext
        self.baggage = baggage
    }
}
