/// Where a span goes when it ends: counts it, then passes sampled spans to the processor.
///
/// Spec: docs/cello-telemetry.md section 4.
struct SpanSink: Sendable {
    let processor: any SpanProcessor
    let resource: Resource
    let metrics: SDKMetrics

    func ended(_ span: FinishedSpan?) {
        metrics.countEnded()
        if let span { processor.onEnd(span) }
    }
}
