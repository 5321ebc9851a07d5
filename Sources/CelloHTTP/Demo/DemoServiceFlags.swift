/// The demo-service command line as typed, before validation (docs/architecture.md, "demo-service CLI").
///
/// `demo-service --name A --host 127.0.0.1 --port 0 --downstream http://127.0.0.1:PORT ...
/// [--otlp-endpoint URL] [--sampling-rate R] [--propagation w3c,b3,jaeger] [--protocol grpc|http/protobuf|http/json]
/// [--batch-size N] [--export-timeout-ms N]`; unset telemetry flags fall back to the OTEL_* variables.
public struct DemoServiceFlags: Sendable {
    public var name: String?
    public var host: String = "127.0.0.1"
    public var port: Int = 0
    public var downstreams: [String] = []
    public var otlpEndpoint: String?
    public var samplingRate: Double?
    /// Comma-separated propagation formats.
    public var propagation: String?
    public var `protocol`: String?
    public var batchSize: Int?
    public var exportTimeoutMs: Int?

    public init() {}
}
