/// What every OTLP span exporter needs, taken from the resolved telemetry configuration.
///
/// Spec: docs/cello-telemetry.md sections 1 and 4; https://opentelemetry.io/docs/specs/otel/protocol/exporter/
public struct OTLPExporterConfiguration: Sendable {
    /// gRPC: `http(s)://host:port` (a path is ignored). HTTP: the full traces URL, `/v1/traces` already appended
    /// when it came from a generic endpoint.
    public var endpoint: String
    /// Sent with every request (gRPC metadata or HTTP headers), e.g. `authorization`. - Default: none.
    public var headers: [String: String]
    /// Gzip the request (gRPC message compression, or `Content-Encoding: gzip`). - Default: false.
    public var gzip: Bool
    /// The deadline of one export, retries included (`exportTimeoutMs`). - Default: 10 s.
    public var timeout: Duration
    /// Backoff between retries. - Default: ``RetryPolicy/default``.
    public var retryPolicy: RetryPolicy
    /// The largest response body read for partial success (HTTP), bigger ones are not parsed. - Default: 64 KiB.
    public var maxResponseBytes: Int

    public init(
        endpoint: String,
        headers: [String: String] = [:],
        gzip: Bool = false,
        timeout: Duration = .seconds(10),
        retryPolicy: RetryPolicy = .default,
        maxResponseBytes: Int = 64 * 1024
    ) {
        self.endpoint = endpoint
        self.headers = headers
        self.gzip = gzip
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.maxResponseBytes = maxResponseBytes
    }
}
