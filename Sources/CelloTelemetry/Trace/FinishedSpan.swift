import Tracing

/// An ended, recorded span: what the processor queues and exporters receive.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#span-exporter (ReadableSpan); docs/cello-telemetry.md
/// section 4.
public struct FinishedSpan: Sendable {
    /// A link to another span.
    public struct Link: Sendable {
        public var context: SpanContext
        public var attributes: SpanAttributes

        public init(context: SpanContext, attributes: SpanAttributes = [:]) {
            self.context = context
            self.attributes = attributes
        }
    }

    public var name: String
    public var kind: SpanKind
    /// The span's own context; `context.parentSpanID` is the parent.
    public var context: SpanContext
    /// Unix epoch nanoseconds.
    public var startTimeNanos: UInt64
    /// Unix epoch nanoseconds.
    public var endTimeNanos: UInt64
    public var attributes: SpanAttributes
    /// Events, each with its own unix-nanosecond time (`SpanEvent.nanosecondsSinceEpoch`).
    public var events: [SpanEvent]
    public var links: [Link]
    /// nil = unset.
    public var status: SpanStatus?
    public var resource: Resource
    public var instrumentationScope: InstrumentationScope
    /// Counts of what the span limits dropped (OTLP `dropped_*_count`).
    public var droppedAttributesCount: Int
    public var droppedEventsCount: Int
    public var droppedLinksCount: Int

    public init(
        name: String,
        kind: SpanKind,
        context: SpanContext,
        startTimeNanos: UInt64,
        endTimeNanos: UInt64,
        attributes: SpanAttributes = [:],
        events: [SpanEvent] = [],
        links: [Link] = [],
        status: SpanStatus? = nil,
        resource: Resource,
        instrumentationScope: InstrumentationScope = .cello,
        droppedAttributesCount: Int = 0,
        droppedEventsCount: Int = 0,
        droppedLinksCount: Int = 0
    ) {
        self.name = name
        self.kind = kind
        self.context = context
        self.startTimeNanos = startTimeNanos
        self.endTimeNanos = endTimeNanos
        self.attributes = attributes
        self.events = events
        self.links = links
        self.status = status
        self.resource = resource
        self.instrumentationScope = instrumentationScope
        self.droppedAttributesCount = droppedAttributesCount
        self.droppedEventsCount = droppedEventsCount
        self.droppedLinksCount = droppedLinksCount
    }
}
