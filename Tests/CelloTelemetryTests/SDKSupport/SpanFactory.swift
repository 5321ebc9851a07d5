import CelloTelemetry
import Tracing

/// Finished spans for processor tests.
enum SpanFactory {
    static func spans(_ count: Int, prefix: String = "s") -> [FinishedSpan] {
        (0..<count).map { i in
            FinishedSpan(
                name: "\(prefix)\(i)", kind: .internal,
                context: SpanContext(traceID: TraceID.random(), spanID: SpanID.random(), traceFlags: .sampled),
                startTimeNanos: 1, endTimeNanos: 2, resource: Resource(serviceName: "test"))
        }
    }
}
