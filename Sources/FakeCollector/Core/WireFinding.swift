/// One thing the collector saw on the wire that breaks a rule (docs/cello-telemetry.md section 6, wire checks).
///
/// `ruleId` is one of ``WireRule``'s ids; `requestId` names the export request (nil for connection-level findings).
public struct WireFinding: Sendable, Hashable, Codable {
    /// `violation` breaks a MUST; `warning` is a SHOULD or a likely mistake.
    public enum Severity: String, Sendable, Hashable, Codable {
        case violation
        case warning
    }

    public var ruleId: String
    public var severity: Severity
    public var message: String
    public var evidence: String
    public var requestId: Int?

    public init(ruleId: String, severity: Severity, message: String, evidence: String, requestId: Int? = nil) {
        self.ruleId = ruleId
        self.severity = severity
        self.message = message
        self.evidence = evidence
        self.requestId = requestId
    }

    init(_ rule: WireRule, _ message: String, evidence: String) {
        self.init(ruleId: rule.id, severity: rule.severity, message: message, evidence: evidence)
    }
}
