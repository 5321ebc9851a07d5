import Tracing

/// Decides at span start whether a span records and whether its trace is sampled.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#sampler; docs/cello-telemetry.md section 2.
public protocol Sampler: Sendable {
    /// - Parameters:
    ///   - parent: the parent's context, nil for a new root.
    ///   - traceID: the trace id the span will have (the parent's, or a fresh one).
    /// - Returns: the decision and the tracestate the new span carries.
    func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingResult
}
