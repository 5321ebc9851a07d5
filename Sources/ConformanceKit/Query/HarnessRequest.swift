import Foundation

/// One export request as the fake collector's `GET /harness/requests` lists it (TEAM.md harness contract).
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
    public var findings: [HarnessFinding]

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
        findings = (object["findings"] as? [[String: Any]] ?? []).map(HarnessFinding.init(json:))
    }

    /// Time from arrival to end, from the collector's own clock.
    public var openMs: Double? {
        if let durationMs { return durationMs }
        guard let arrivalTime, let endTime else { return nil }
        return endTime.timeIntervalSince(arrivalTime) * 1000
    }
}
