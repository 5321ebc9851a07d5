/// What `conformance verify-exporter` found about one exporter run.
///
/// docs/cello-telemetry.md section 7 (`verify-exporter`): wire findings and span checks, each with a rule id, and
/// the probes that ran or did not (and why).
public struct ExporterVerification: Sendable, Hashable, Codable {
    public var command: [String]
    public var exportProtocol: String
    public var batchSize: Int
    public var timeoutMs: Int
    /// Allowed difference between `grpc-timeout` and `timeoutMs`.
    public var toleranceMs: Int = 100
    /// Allowed difference between the stalled export's end and `timeoutMs`.
    public var timeoutToleranceMs: Int = 250
    /// Passed as OTEL_EXPORTER_OTLP_HEADERS.
    public var headers: [ExporterHeader] = []
    /// Passed as OTEL_EXPORTER_OTLP_COMPRESSION; nil when not given.
    public var compression: String?
    public var exitStatus: Int32?
    public var killed: Bool
    public var requestCount: Int
    public var spansExported: Int
    public var spansQueried: Int
    /// Span counts per export request, in arrival order.
    public var batchSizes: [Int]
    /// `grpc-timeout` values sent, in milliseconds.
    public var grpcTimeoutsMs: [Double]
    /// The export the stall probe held, when it ran.
    public var stall: StallObservation?
    /// Every probe: ran (passed, warning, failed) or not run, with the evidence or the reason.
    public var probes: [ProbeReport] = []
    /// Every trace export request as the collector saw it (id, batch size, grpc-timeout, arrival, duration).
    public var exports: [ExportRecord] = []
    public var findings: [HarnessFinding]
    public var output: [String]

    public init(
        command: [String], exportProtocol: String, batchSize: Int, timeoutMs: Int, exitStatus: Int32?, killed: Bool,
        requestCount: Int, spansExported: Int, spansQueried: Int, batchSizes: [Int], grpcTimeoutsMs: [Double],
        findings: [HarnessFinding], output: [String]
    ) {
        self.command = command
        self.exportProtocol = exportProtocol
        self.batchSize = batchSize
        self.timeoutMs = timeoutMs
        self.exitStatus = exitStatus
        self.killed = killed
        self.requestCount = requestCount
        self.spansExported = spansExported
        self.spansQueried = spansQueried
        self.batchSizes = batchSizes
        self.grpcTimeoutsMs = grpcTimeoutsMs
        self.findings = findings
        self.output = output
    }

    private enum CodingKeys: String, CodingKey {
        case command, exportProtocol, batchSize, timeoutMs, toleranceMs, timeoutToleranceMs, headers, compression
        case exitStatus, killed, requestCount, spansExported, spansQueried, batchSizes, grpcTimeoutsMs, stall, probes
        case exports, findings, output
    }

    /// Reads a JSON report; the settings and probes added later may be absent (older reports).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decode([String].self, forKey: .command)
        exportProtocol = try container.decode(String.self, forKey: .exportProtocol)
        batchSize = try container.decode(Int.self, forKey: .batchSize)
        timeoutMs = try container.decode(Int.self, forKey: .timeoutMs)
        toleranceMs = try container.decodeIfPresent(Int.self, forKey: .toleranceMs) ?? 100
        timeoutToleranceMs = try container.decodeIfPresent(Int.self, forKey: .timeoutToleranceMs) ?? 250
        headers = try container.decodeIfPresent([ExporterHeader].self, forKey: .headers) ?? []
        compression = try container.decodeIfPresent(String.self, forKey: .compression)
        exitStatus = try container.decodeIfPresent(Int32.self, forKey: .exitStatus)
        killed = try container.decode(Bool.self, forKey: .killed)
        requestCount = try container.decode(Int.self, forKey: .requestCount)
        spansExported = try container.decode(Int.self, forKey: .spansExported)
        spansQueried = try container.decode(Int.self, forKey: .spansQueried)
        batchSizes = try container.decode([Int].self, forKey: .batchSizes)
        grpcTimeoutsMs = try container.decode([Double].self, forKey: .grpcTimeoutsMs)
        stall = try container.decodeIfPresent(StallObservation.self, forKey: .stall)
        probes = try container.decodeIfPresent([ProbeReport].self, forKey: .probes) ?? []
        exports = try container.decodeIfPresent([ExportRecord].self, forKey: .exports) ?? []
        findings = try container.decode([HarnessFinding].self, forKey: .findings)
        output = try container.decode([String].self, forKey: .output)
    }

    /// Exit 1 when any finding is a violation.
    public var hasViolation: Bool { findings.contains(where: \.isViolation) }
}
