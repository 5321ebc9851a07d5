import Synchronization
import Tracing

/// The mutable part of a recording span, behind a lock; `end` hands out the finished span exactly once.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/api/#span-operations (no changes after end; Ok status is
/// final).
final class SpanRecorder: Sendable {
    struct State {
        var name: String
        var attributes = SpanAttributes()
        var events: [SpanEvent] = []
        var links: [FinishedSpan.Link] = []
        var status: SpanStatus?
        var ended = false
        var droppedAttributes = 0
        var droppedEvents = 0
        var droppedLinks = 0
    }

    let kind: SpanKind
    let startTimeNanos: UInt64
    let limits: SpanLimits
    private let state: Mutex<State>

    init(name: String, kind: SpanKind, startTimeNanos: UInt64, limits: SpanLimits) {
        self.kind = kind
        self.startTimeNanos = startTimeNanos
        self.limits = limits
        self.state = Mutex(State(name: name))
    }

    var name: String {
        state.withLock { $0.name }
    }

    func setName(_ name: String) {
        state.withLock { if !$0.ended { $0.name = name } }
    }

    var isEnded: Bool {
        state.withLock { $0.ended }
    }

    var attributes: SpanAttributes {
        state.withLock { $0.attributes }
    }

    func setAttributes(_ attributes: SpanAttributes) {
        let limit = limits.maxAttributes
        state.withLock { state in
            guard !state.ended else { return }
            if attributes.count <= limit {
                state.attributes = attributes
                return
            }
            var kept = SpanAttributes()
            attributes.forEach { key, value in
                if kept.count < limit || kept.get(key) != nil {
                    kept.set(key, value: value)
                } else {
                    state.droppedAttributes += 1
                }
            }
            state.attributes = kept
        }
    }

    func addEvent(_ event: SpanEvent) {
        let limit = limits.maxEvents
        state.withLock { state in
            guard !state.ended else { return }
            if state.events.count < limit {
                state.events.append(event)
            } else {
                state.droppedEvents += 1
            }
        }
    }

    func addLink(_ link: FinishedSpan.Link) {
        let limit = limits.maxLinks
        state.withLock { state in
            guard !state.ended else { return }
            if state.links.count < limit {
                state.links.append(link)
            } else {
                state.droppedLinks += 1
            }
        }
    }

    func setStatus(_ status: SpanStatus) {
        state.withLock { state in
            guard !state.ended, state.status?.code != .ok else { return }
            state.status = status
        }
    }

    /// Marks the span ended and returns its finished form; nil if it had already ended.
    func end(context: SpanContext, endTimeNanos: UInt64, resource: Resource) -> FinishedSpan? {
        let taken: State? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
        guard let taken else { return nil }
        return FinishedSpan(
            name: taken.name, kind: kind, context: context, startTimeNanos: startTimeNanos,
            endTimeNanos: max(endTimeNanos, startTimeNanos), attributes: taken.attributes, events: taken.events,
            links: taken.links, status: taken.status, resource: resource,
            droppedAttributesCount: taken.droppedAttributes, droppedEventsCount: taken.droppedEvents,
            droppedLinksCount: taken.droppedLinks)
    }
}
