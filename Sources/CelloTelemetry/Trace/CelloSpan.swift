import Tracing

/// A span made by ``CelloTracer``. Non-recording spans (sampled out) keep only their context, which still
/// propagates with flags 00.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/api/#span; docs/cello-telemetry.md section 2.
public final class CelloSpan: Tracing.Span, Sendable {
    /// The context children and propagators see: the parent's, with this span's ``SpanContext``.
    public let context: ServiceContext
    /// This span's ids, flags and tracestate.
    public let spanContext: SpanContext
    private let initialName: String
    private let recorder: SpanRecorder?
    private let sink: SpanSink

    init(context: ServiceContext, spanContext: SpanContext, name: String, recorder: SpanRecorder?, sink: SpanSink) {
        self.context = context
        self.spanContext = spanContext
        self.initialName = name
        self.recorder = recorder
        self.sink = sink
    }

    public var operationName: String {
        get { recorder?.name ?? initialName }
        set { recorder?.setName(newValue) }
    }

    public var attributes: SpanAttributes {
        get { recorder?.attributes ?? [:] }
        set { recorder?.setAttributes(newValue) }
    }

    /// True until `end()` for a span the sampler chose to record.
    public var isRecording: Bool {
        guard let recorder else { return false }
        return !recorder.isEnded
    }

    public func setStatus(_ status: SpanStatus) {
        recorder?.setStatus(status)
    }

    public func addEvent(_ event: SpanEvent) {
        recorder?.addEvent(event)
    }

    /// Records an `exception` event (`exception.type`, `exception.message`) and sets no status.
    /// Spec: https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-spans/
    public func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        guard let recorder else { return }
        var eventAttributes = attributes
        eventAttributes.set("exception.type", value: .string(String(reflecting: type(of: error))))
        eventAttributes.set("exception.message", value: .string(String(describing: error)))
        recorder.addEvent(SpanEvent(name: "exception", at: instant(), attributes: eventAttributes))
    }

    public func addLink(_ link: SpanLink) {
        guard let recorder, let linked = link.context.spanContext else { return }
        recorder.addLink(FinishedSpan.Link(context: linked, attributes: link.attributes))
    }

    /// Ends the span and, if sampled, hands it to the processor (which never blocks). Later calls do nothing.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        guard let recorder else {
            sink.ended(nil)
            return
        }
        guard let finished = recorder.end(
            context: spanContext, endTimeNanos: instant().nanosecondsSinceEpoch, resource: sink.resource)
        else { return }
        sink.ended(spanContext.isSampled ? finished : nil)
    }
}
