import Foundation

/// One export request as the fake collector's `GET /harness/requests` lists it (docs/harness-api.md).
public struct HarnessRequest: Sendable, Hashable {
    public var id: Int
    public var receiver: String
    /// `grpc`, `http/protobuf` or `http/json`.
    public var exportProtocol: String
    /// `traces`, `metrics` or `logs`.
    public var signal: String
    public var headers: [String: String]
    public var compression: String
    public var spanCount: Int
    public var grpcTimeoutMs: Double?
    public var arrivalTime: Date?
    public var endTime: Date?
    public var durationMs: Double?
    /// `answered`, `client-reset`, `connection-closed`, `server-fault` or `pending`.
    public var end: String
    public var status: String?
    public var fault: String?
    public var traceIDs: [String]
    /// Resource `service.name` values in the request: the service(s) that sent it.
    public var serviceNames: [String]
    public var findings: [HarnessFinding]

    /// A request as a test fabricates it.
    public init(
        id: Int, exportProtocol: String = "grpc", signal: String = "traces", headers: [String: String] = [:],
        compression: String = "none", spanCount: Int = 1, grpcTimeoutMs: Double? = nil, arrivalTime: Date? = nil,
        durationMs: Double? = nil, end: String = "answered", status: String? = "0", fault: String? = nil,
        traceIDs: [String] = [], serviceNames: [String] = [], findings: [HarnessFinding] = []
    ) {
        self.id = id
        self.receiver = exportProtocol == "grpc" ? "grpc" : "http"
        self.exportProtocol = exportProtocol
        self.signal = signal
        self.headers = headers
        self.compression = compression
        self.spanCount = spanCount
        self.grpcTimeoutMs = grpcTimeoutMs
        self.arrivalTime = arrivalTime
        self.endTime = nil
        self.durationMs = durationMs
        self.end = end
        self.status = status
        self.fault = fault
        self.traceIDs = traceIDs
        self.serviceNames = serviceNames
        self.findings = findings
    }

    init(json object: [String: Any]) {
        id = object["id"] as? Int ?? 0
        receiver = object["receiver"] as? String ?? ""
        exportProtocol = object["protocol"] as? String ?? ""
        signal = object["signal"] as? String ?? ""
        headers = object["headers"] as? [String: String] ?? [:]
        compression = object["compression"] as? String ?? "none"
        spanCount = object["spanCount"] as? Int ?? 0
        grpcTimeoutMs = (object["grpcTimeoutMs"] as? NSNumber)?.doubleValue
        arrivalTime = (object["arrivalTime"] as? String).flatMap(RFC3339.parse)
        endTime = (object["endTime"] as? String).flatMap(RFC3339.parse)
        durationMs = (object["durationMs"] as? NSNumber)?.doubleValue
        end = object["end"] as? String ?? ""
        status = (object["status"] as? String) ?? (object["status"] as? NSNumber)?.stringValue
        fault = object["fault"] as? String
        traceIDs = object["traceIds"] as? [String] ?? []
        serviceNames = object["serviceNames"] as? [String] ?? []
        findings = (object["findings"] as? [[String: Any]] ?? []).map(HarnessFinding.init(json:))
    }

    /// Time from arrival to end, from the collector's own clock.
    public var openMs: Double? {
        if let durationMs { return durationMs }
        guard let arrivalTime, let endTime else { return nil }
        return endTime.timeIntervalSince(arrivalTime) * 1000
    }
}
