/// Receives every ended, sampled span from the tracer.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#span-processor; docs/cello-telemetry.md section 4
/// (`onEnd` never blocks and never waits on the network).
public protocol SpanProcessor: Sendable {
    /// Takes an ended span; must return at once.
    func onEnd(_ span: FinishedSpan)
    /// Asks for everything queued to be exported soon, without waiting (the synchronous `Tracer.forceFlush`).
    func requestFlush()
}
