/// What a ``Sampler`` decided.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#shouldsample
public struct SamplingResult: Sendable, Hashable {
    public var decision: SamplingDecision
    /// The tracestate of the new span (the parent's, possibly updated).
    public var traceState: TraceState

    public init(decision: SamplingDecision, traceState: TraceState) {
        self.decision = decision
        self.traceState = traceState
    }
}
