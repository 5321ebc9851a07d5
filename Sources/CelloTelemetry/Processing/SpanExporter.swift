/// Sends batches of finished spans somewhere (OTLP, memory, ...).
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#span-exporter; docs/cello-telemetry.md section 4.
/// The batch processor calls `export` for one batch at a time, never concurrently.
public protocol SpanExporter: Sendable {
    /// Exports one batch within the exporter's own deadline; throws on failure (the processor counts it).
    func export(_ batch: [FinishedSpan]) async throws
    /// Finishes whatever the exporter buffers itself.
    func forceFlush() async throws
    /// Releases the exporter's resources; later exports fail.
    func shutdown() async
}
