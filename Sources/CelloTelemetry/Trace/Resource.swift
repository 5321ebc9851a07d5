import Tracing

/// The entity that produces telemetry: its attributes, `service.name` always among them.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/resource/sdk/; docs/cello-telemetry.md section 1.
public struct Resource: Sendable {
    public var attributes: SpanAttributes

    /// A resource with `service.name` set to `serviceName` (which wins over one in `attributes`).
    public init(serviceName: String, attributes: SpanAttributes = [:]) {
        var attributes = attributes
        attributes.set("service.name", value: .string(serviceName))
        self.attributes = attributes
    }

    /// `service.name`, or "unknown_service" if it was removed.
    public var serviceName: String {
        if case .string(let name)? = attributes.get("service.name") { return name }
        return "unknown_service"
    }
}
