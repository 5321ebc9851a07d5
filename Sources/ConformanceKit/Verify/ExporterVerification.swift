/// What `conformance verify-exporter` found about one exporter run.
///
/// docs/cello-telemetry.md section 7 (`verify-exporter`): wire findings and span checks, each with a rule id.
public struct ExporterVerification: Sendable, Hashable, Codable {
    public var command: [String]
    public var exportProtocol: String
    public var batchSize: Int
    public var timeoutMs: Int
    public var exitStatus: Int32?
    public var killed: Bool
    public var requestCount: Int
    public var spansExported: Int
    public var spansQueried: Int
    /// Span counts per export request, in arrival order.
    public var batchSizes: [Int]
    /// `grpc-timeout` values sent, in milliseconds.
    public var grpcTimeoutsMs: [Double]
    public var findings: [HarnessFinding]
    public var output: [String]

    /// Exit 1 when any finding is a violation.
    public var hasViolation: Bool { findings.contains(where: \.isViolation) }
}
