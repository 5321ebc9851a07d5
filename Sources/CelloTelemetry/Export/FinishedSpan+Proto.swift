import CelloOTLP
import Tracing

extension Opentelemetry_Proto_Trace_V1_Span {
    /// The OTLP span of a finished span: ids, parent, trace state, flags, kind, times, attributes, events, links,
    /// status and the dropped counts.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otlp/ (opentelemetry/proto/trace/v1/trace.proto, `message Span`).
    init(_ span: FinishedSpan) {
        self.init()
        traceID = span.context.traceID.protoBytes
        spanID = span.context.spanID.protoBytes
        if let parent = span.context.parentSpanID { parentSpanID = parent.protoBytes }
        traceState = span.context.traceState.header
        flags = span.context.protoFlags(includingRemoteness: false)
        name = span.name
        kind = .init(span.kind)
        startTimeUnixNano = span.startTimeNanos
        endTimeUnixNano = span.endTimeNanos
        attributes = .init(span.attributes)
        droppedAttributesCount = UInt32(clamping: span.droppedAttributesCount)
        events = span.events.map(Event.init)
        droppedEventsCount = UInt32(clamping: span.droppedEventsCount)
        links = span.links.map(Link.init)
        droppedLinksCount = UInt32(clamping: span.droppedLinksCount)
        if span.status != nil { status = .init(span.status) }
    }
}

extension Opentelemetry_Proto_Trace_V1_Span.Event {
    /// An OTLP span event; the time is the event's own unix-nanosecond time.
    init(_ event: SpanEvent) {
        self.init()
        timeUnixNano = event.nanosecondsSinceEpoch
        name = event.name
        attributes = .init(event.attributes)
    }
}

extension Opentelemetry_Proto_Trace_V1_Span.Link {
    /// An OTLP span link, with the linked context's trace state and flags (remoteness included).
    init(_ link: FinishedSpan.Link) {
        self.init()
        traceID = link.context.traceID.protoBytes
        spanID = link.context.spanID.protoBytes
        traceState = link.context.traceState.header
        attributes = .init(link.attributes)
        flags = link.context.protoFlags(includingRemoteness: true)
    }
}
