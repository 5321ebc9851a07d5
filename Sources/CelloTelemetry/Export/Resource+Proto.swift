import CelloOTLP

extension Opentelemetry_Proto_Resource_V1_Resource {
    /// The OTLP resource: its attributes, `service.name` among them.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otel/resource/sdk/ (opentelemetry/proto/resource/v1).
    init(_ resource: Resource) {
        self.init()
        attributes = .init(resource.attributes)
    }
}

extension Opentelemetry_Proto_Common_V1_InstrumentationScope {
    /// The OTLP instrumentation scope (name and version).
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otel/common/instrumentation-scope/
    init(_ scope: InstrumentationScope) {
        self.init()
        name = scope.name
        version = scope.version ?? ""
    }
}
