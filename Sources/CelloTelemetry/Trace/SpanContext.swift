/// The part of a span that crosses process boundaries.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/api/#spancontext; docs/cello-telemetry.md section 2.
public struct SpanContext: Sendable, Hashable {
    public var traceID: TraceID
    public var spanID: SpanID
    /// The parent span's id, nil for a root (and for a remote context, whose parent is not known).
    public var parentSpanID: SpanID?
    public var traceFlags: TraceFlags
    public var traceState: TraceState
    /// True when the context was extracted from a carrier rather than created here.
    public var isRemote: Bool
    /// The debug sampling state of B3 (`d`, `X-B3-Flags: 1`) and Jaeger (flags bit 2): the trace is forced on
    /// and the flag is carried to children and written again by those formats. It implies ``isSampled``; W3C
    /// trace flags have no such bit, so traceparent and OTLP never see it.
    public var isDebug: Bool

    public init(
        traceID: TraceID,
        spanID: SpanID,
        parentSpanID: SpanID? = nil,
        traceFlags: TraceFlags = [],
        traceState: TraceState = TraceState(),
        isRemote: Bool = false,
        isDebug: Bool = false
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.traceFlags = traceFlags
        self.traceState = traceState
        self.isRemote = isRemote
        self.isDebug = isDebug
    }

    /// True when both ids are valid (non-zero).
    public var isValid: Bool { traceID.isValid && spanID.isValid }

    /// The sampled flag.
    public var isSampled: Bool { traceFlags.contains(.sampled) }
}
