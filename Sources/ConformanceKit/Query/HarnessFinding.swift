/// One wire finding (`GET /harness/findings`).
public struct HarnessFinding: Sendable, Hashable, Codable {
    public var ruleId: String
    /// `violation` or `warning`.
    public var severity: String
    public var message: String
    public var evidence: String
    public var requestId: Int?

    public init(ruleId: String, severity: String, message: String, evidence: String, requestId: Int? = nil) {
        self.ruleId = ruleId
        self.severity = severity
        self.message = message
        self.evidence = evidence
        self.requestId = requestId
    }

    init(json object: [String: Any]) {
        ruleId = object["ruleId"] as? String ?? ""
        severity = object["severity"] as? String ?? ""
        message = object["message"] as? String ?? ""
        evidence = object["evidence"] as? String ?? ""
        requestId = object["requestId"] as? Int
    }

    public var isViolation: Bool { severity == "violation" }
}
