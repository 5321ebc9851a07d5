/// The part of a span that crosses process boundaries.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/api/#spancontext; cello-telemetry.md section 2.
public struct SpanContext: Sendable, Hashable {
    public var traceID: TraceID
    public var spanID: SpanID
    /// The parent span's id, nil for a root (and for a remote context, whose parent is not known).
    public var parentSpanID: SpanID?
    public var traceFlags: TraceFlags
    public var traceState: TraceState
    /// True when the context was extracted from a carrier rather than created here.
    public var isRemote: Bool

    public init(
        traceID: TraceID,
        spanID: SpanID,
        parentSpanID: SpanID? = nil,
        traceFlags: TraceFlags = [],
        traceState: TraceState = TraceState(),
        isRemote: Bool = false
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.traceFlags = traceFlags
        self.traceState = traceState
        self.isRemote = isRemote
    }

    /// True when both ids are valid (non-zero).
    public var isValid: Bool { traceID.isValid && spanID.isValid }

    /// The sampled flag.
    public var isSampled: Bool { traceFlags.contains(.sampled) }
}
