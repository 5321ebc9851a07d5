/// The library that created the spans (OTLP `InstrumentationScope`).
///
/// Spec: https://opentelemetry.io/docs/specs/otel/common/instrumentation-scope/
public struct InstrumentationScope: Sendable, Hashable {
    public var name: String
    public var version: String?

    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }

    /// The scope of spans made by this SDK's tracer.
    public static let cello = InstrumentationScope(name: "cello-telemetry", version: CelloTelemetryVersion.string)
}
