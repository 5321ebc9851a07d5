/// Where a running ``FakeCollector`` listens, each as `HOST:PORT` (docs/cello-telemetry.md section 6, the ready line).
public struct FakeCollectorAddresses: Sendable, Hashable {
    /// OTLP/gRPC listener.
    public var grpc: String
    /// OTLP/HTTP listener.
    public var http: String
    /// Query (Jaeger api_v3 shape) and harness listener.
    public var query: String

    public init(grpc: String, http: String, query: String) {
        self.grpc = grpc
        self.http = http
        self.query = query
    }
}
