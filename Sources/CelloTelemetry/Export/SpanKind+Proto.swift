import CelloOTLP
import Tracing

extension Opentelemetry_Proto_Trace_V1_Span.SpanKind {
    /// The OTLP kind of a swift-distributed-tracing kind.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otel/trace/api/#spankind (opentelemetry/proto/trace/v1/trace.proto).
    init(_ kind: SpanKind) {
        switch kind {
        case .server: self = .server
        case .client: self = .client
        case .producer: self = .producer
        case .consumer: self = .consumer
        case .internal: self = .internal
        }
    }
}
