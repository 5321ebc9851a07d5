import Tracing

/// The configuration after code, environment and defaults were merged and validated. Every field is set.
///
/// Spec: docs/cello-telemetry.md section 1.
public struct ResolvedTelemetryConfiguration: Sendable {
    public var serviceName: String
    /// gRPC: as configured (`http(s)://host:port`). HTTP: the full traces URL.
    public var otlpEndpoint: String
    public var `protocol`: ExportProtocol
    public var headers: [String: String]
    public var compression: Compression
    /// The deadline of one export, retries included.
    public var exportTimeoutMs: Int
    public var sampler: SamplerSelection
    /// The root sampling probability (`sampler.rootProbability`).
    public var samplingRate: Double { sampler.rootProbability }
    /// In order; empty when OTEL_PROPAGATORS is `none`.
    public var propagation: [Propagation]
    public var batchSize: Int
    public var maxQueueSize: Int
    public var scheduleDelayMs: Int
    /// The processor's bound on one export call (OTEL_BSP_EXPORT_TIMEOUT). - Default: 30000.
    public var processorExportTimeoutMs: Int
    /// All resource attributes, `service.name` included.
    public var resourceAttributes: [String: String]
    public var attributeSet: AttributeSet
    /// OTEL_SDK_DISABLED: the tracer makes only non-recording spans and nothing is exported.
    public var sdkDisabled: Bool

    /// The resource every span carries: the attributes plus `telemetry.sdk.*`.
    public var resource: Resource {
        var attributes = SpanAttributes()
        attributes.set("telemetry.sdk.name", value: .string("cello-telemetry"))
        attributes.set("telemetry.sdk.language", value: .string("swift"))
        attributes.set("telemetry.sdk.version", value: .string(CelloTelemetryVersion.string))
        for (key, value) in resourceAttributes.sorted(by: { $0.key < $1.key }) {
            attributes.set(key, value: .string(value))
        }
        return Resource(serviceName: serviceName, attributes: attributes)
    }
}
