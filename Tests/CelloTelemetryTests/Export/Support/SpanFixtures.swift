@testable import CelloTelemetry
import Tracing

/// Finished spans with every field set, for exporter and conversion tests.
enum SpanFixtures {
    static let resource = Resource(
        serviceName: "exporter-tests",
        attributes: ["deployment.environment": "test", "host.name": "localhost"]
    )

    /// A span with attributes of every kind, an event, a link, a parent and trace state.
    static func span(
        name: String = "GET /api/users/{id}",
        traceID: TraceID = .random(),
        resource: Resource = SpanFixtures.resource,
        scope: InstrumentationScope = .cello
    ) -> FinishedSpan {
        var attributes = SpanAttributes()
        attributes.set("http.request.method", value: .string("GET"))
        attributes.set("http.response.status_code", value: .int64(200))
        attributes.set("retry.count", value: .int32(3))
        attributes.set("http.request.duration_ms", value: .double(12.5))
        attributes.set("cache.hit", value: .bool(true))
        attributes.set("tags", value: .stringArray(["a", "b"]))
        attributes.set("ports", value: .int64Array([80, 443]))
        attributes.set("ratios", value: .doubleArray([0.5, 1.5]))
        attributes.set("flags", value: .boolArray([true, false]))
        attributes.set("small", value: .int32Array([1, 2]))
        var traceState = TraceState()
        traceState.set("th:8", forKey: "ot")
        let linked = SpanContext(
            traceID: .random(), spanID: .random(), traceFlags: .sampled, isRemote: true)
        return FinishedSpan(
            name: name,
            kind: .server,
            context: SpanContext(
                traceID: traceID,
                spanID: .random(),
                parentSpanID: .random(),
                traceFlags: [.sampled, .random],
                traceState: traceState
            ),
            startTimeNanos: 1_700_000_000_000_000_000,
            endTimeNanos: 1_700_000_000_250_000_000,
            attributes: attributes,
            events: [SpanEvent(name: "exception", at: FixedInstant(nanos: 1_700_000_000_100_000_000), attributes: ["exception.type": "E"])],
            links: [FinishedSpan.Link(context: linked, attributes: ["link.kind": "follows"])],
            status: SpanStatus(code: .error, message: "boom"),
            resource: resource,
            instrumentationScope: scope
        )
    }

    static func batch(count: Int) -> [FinishedSpan] {
        (0..<count).map { span(name: "span-\($0)") }
    }
}

/// A fixed tracer instant for event times.
struct FixedInstant: TracerInstant {
    var nanosecondsSinceEpoch: UInt64
    init(nanos: UInt64) { nanosecondsSinceEpoch = nanos }
    static func < (lhs: FixedInstant, rhs: FixedInstant) -> Bool { lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch }
}
