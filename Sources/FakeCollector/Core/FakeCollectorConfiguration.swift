/// What a ``FakeCollector`` binds and how much it accepts.
///
/// Implements the limits and CLI defaults of docs/cello-telemetry.md section 6.
public struct FakeCollectorConfiguration: Sendable {
    /// Address every listener binds. - Default: `127.0.0.1`.
    public var host = "127.0.0.1"
    /// OTLP/gRPC port (0 picks a free port). - Default: 4317.
    public var grpcPort = 4317
    /// OTLP/HTTP port (0 picks a free port). - Default: 4318.
    public var httpPort = 4318
    /// Query and harness API port (0 picks a free port). - Default: 16686.
    public var queryPort = 16686
    /// Most spans the store keeps before evicting the oldest traces. - Default: 1,000,000.
    public var maxSpans = 1_000_000
    /// Most (approximate, encoded) bytes the store keeps. - Default: 512 MiB.
    public var maxBytes = 512 << 20
    /// Largest gRPC message, compressed or decompressed (RESOURCE_EXHAUSTED past it). - Default: 4 MiB.
    public var maxGRPCMessageBytes = 4 << 20
    /// Largest OTLP/HTTP body, compressed or decompressed (413 past it). - Default: 64 MiB.
    public var maxHTTPBodyBytes = 64 << 20
    /// Most export requests the harness keeps (oldest dropped). - Default: 100,000.
    public var maxRecordedRequests = 100_000
    /// The batch size the scenario configured; a trace export with more spans is a finding. - Default: nil (no check).
    public var expectedBatchSize: Int? = nil
    /// Faults injected into the answers. - Default: none.
    public var faultPlan: FaultPlan = .none

    public init() {}
}
