import Foundation

extension ExportRequestRecord {
    /// The record as the harness JSON object (docs/harness-api.md).
    var jsonObject: [String: Any] {
        var object: [String: Any] = [
            "id": id,
            "receiver": receiver.rawValue,
            "protocol": exportProtocol.rawValue,
            "signal": signal.rawValue,
            "path": path,
            "headers": headers,
            "compression": compression,
            "spanCount": spanCount,
            "arrivalTime": RFC3339.format(arrivalTime),
            "end": end.rawValue,
            "fault": fault ?? NSNull(),
            "traceIds": traceIds,
            "serviceNames": serviceNames,
            "findings": findings.map(\.jsonObject),
        ]
        if let grpcTimeoutMs { object["grpcTimeoutMs"] = grpcTimeoutMs }
        if let endTime { object["endTime"] = RFC3339.format(endTime) }
        if let durationMs { object["durationMs"] = durationMs }
        if let status { object["status"] = status }
        return object
    }
}

extension WireFinding {
    /// The finding as the harness JSON object.
    var jsonObject: [String: Any] {
        var object: [String: Any] = [
            "ruleId": ruleId, "severity": severity.rawValue, "message": message, "evidence": evidence,
        ]
        if let requestId { object["requestId"] = requestId }
        return object
    }
}
