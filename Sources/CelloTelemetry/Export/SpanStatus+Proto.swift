import CelloOTLP
import Tracing

extension Opentelemetry_Proto_Trace_V1_Status {
    /// The OTLP status of a span status (nil = unset); the message is kept only for errors, as the API spec says.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otel/trace/api/#set-status
    init(_ status: SpanStatus?) {
        self.init()
        switch status?.code {
        case .ok:
            code = .ok
        case .error:
            code = .error
            message = status?.message ?? ""
        case nil:
            code = .unset
        }
    }
}
