import Tracing

/// Samples every span.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#alwayson
public struct AlwaysOnSampler: Sampler {
    public init() {}

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingResult {
        SamplingResult(decision: .recordAndSample, traceState: parent?.traceState ?? TraceState())
    }
}
