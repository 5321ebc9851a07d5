/// What the application says about its telemetry; anything left nil comes from the OTEL_* environment, then the
/// defaults. `resolve(environment:)` validates it all before anything starts.
///
/// Spec: docs/cello-telemetry.md section 1.
public struct OpenTelemetryConfig: Sendable {
    /// Becomes `service.name`. Env: OTEL_SERVICE_NAME (then `service.name` in OTEL_RESOURCE_ATTRIBUTES).
    /// - Default: none; required, non-empty.
    public var serviceName: String?
    /// `http://host:port` (plaintext) or `https://...` (TLS). For the HTTP protocols `/v1/traces` is appended
    /// unless the path already ends with it. Env: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is),
    /// OTEL_EXPORTER_OTLP_ENDPOINT (`/v1/traces` appended for HTTP).
    /// - Default: `http://localhost:4317` (gRPC), `http://localhost:4318/v1/traces` (HTTP).
    public var otlpEndpoint: String?
    /// Probability a root trace is sampled, 0.0...1.0; builds ParentBased(ratio). Env: OTEL_TRACES_SAMPLER(_ARG).
    /// - Default: 1.0.
    public var samplingRate: Double?
    /// Propagation formats, non-empty. Env: OTEL_PROPAGATORS. - Default: `[.w3c]`.
    public var propagation: [Propagation]?
    /// The deadline of one export, retries included, 1...600000 ms. Env: OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT.
    /// - Default: 10000.
    public var exportTimeoutMs: Int?
    /// Spans per export, 1...maxQueueSize. Env: OTEL_BSP_MAX_EXPORT_BATCH_SIZE. - Default: 512.
    public var batchSize: Int?
    /// Env: OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL. - Default: `.grpc`.
    public var `protocol`: ExportProtocol?
    /// Sent with every export (e.g. authorization). Env: OTEL_EXPORTER_OTLP_[TRACES_]HEADERS. - Default: none.
    public var headers: [String: String]?
    /// Env: OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION. - Default: `.none`.
    public var compression: Compression?
    /// Spans the processor holds, 1...1000000. Env: OTEL_BSP_MAX_QUEUE_SIZE. - Default: 2048.
    public var maxQueueSize: Int?
    /// Longest wait before a partial batch is exported, 1...3600000 ms. Env: OTEL_BSP_SCHEDULE_DELAY.
    /// - Default: 5000.
    public var scheduleDelayMs: Int?
    /// Extra resource attributes; merged over OTEL_RESOURCE_ATTRIBUTES (code wins per key). - Default: none.
    public var resourceAttributes: [String: String]?
    /// HTTP attribute names (section 3.1). - Default: `.both`.
    public var attributeSet: AttributeSet?

    public init(
        serviceName: String? = nil,
        otlpEndpoint: String? = nil,
        samplingRate: Double? = nil,
        propagation: [Propagation]? = nil,
        exportTimeoutMs: Int? = nil,
        batchSize: Int? = nil
    ) {
        self.serviceName = serviceName
        self.otlpEndpoint = otlpEndpoint
        self.samplingRate = samplingRate
        self.propagation = propagation
        self.exportTimeoutMs = exportTimeoutMs
        self.batchSize = batchSize
    }
}
