import CelloOTLP

/// One span in the ``SpanStore`` with where it came from and what it costs.
struct StoredSpan: Sendable {
    let span: Opentelemetry_Proto_Trace_V1_Span
    let origin: SpanOrigin
    /// Approximate encoded size, charged against the store's byte bound.
    let bytes: Int
}
