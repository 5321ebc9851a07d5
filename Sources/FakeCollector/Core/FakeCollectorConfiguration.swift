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
    /// Open connections at once on the gRPC listener; the one past it gets GOAWAY(REFUSED_STREAM) and is closed.
    /// - Default: 256.
    public var maxConnections = 256
    /// Concurrent streams per gRPC connection (SETTINGS_MAX_CONCURRENT_STREAMS); a stream past it is refused with
    /// RST_STREAM(REFUSED_STREAM) and the connection's other calls go on. - Default: 100.
    public var maxConcurrentStreams = 100
    /// Largest request header list on the gRPC listener (SETTINGS_MAX_HEADER_LIST_SIZE; RFC 9113 section 6.5.2:
    /// name + value + 32 per field); a request past it is answered HTTP 431, past four times it the stream is reset.
    /// - Default: 16 KiB.
    public var maxHeaderListSize = 16 << 10
    /// Most attributes in one list (resource, scope, span, event or link); more is an `attribute.count` warning.
    /// - Default: 128 (the SDK attribute count limit of the OpenTelemetry specification, common/#attribute-limits).
    public var maxAttributeCount = 128
    /// Deepest attribute value: a scalar (or an empty array or kvlist) is depth 1, each `array_value` or
    /// `kvlist_value` around it adds one. Deeper is an `attribute.value-depth` warning. - Default: 16.
    public var maxAttributeValueDepth = 16
    /// Most export requests the harness keeps (oldest dropped). - Default: 100,000.
    public var maxRecordedRequests = 100_000
    /// The batch size the scenario configured; a trace export with more spans is a finding. - Default: nil (no check).
    public var expectedBatchSize: Int? = nil
    /// Faults injected into the answers. - Default: none.
    public var faultPlan: FaultPlan = .none

    public init() {}
}
