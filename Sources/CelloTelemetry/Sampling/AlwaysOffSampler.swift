import Tracing

/// Samples no span.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#alwaysoff
public struct AlwaysOffSampler: Sampler {
    public init() {}

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingResult {
        SamplingResult(decision: .drop, traceState: parent?.traceState ?? TraceState())
    }
}
