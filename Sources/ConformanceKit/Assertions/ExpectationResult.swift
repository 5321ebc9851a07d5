/// The verdict on one expectation, with the evidence it looked at.
///
/// docs/cello-telemetry.md section 7 ("each expectation, passed or failed with the evidence"), plus
/// `notApplicable` for wire expectations on a backend without a wire view (never counted as passed).
public struct ExpectationResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case passed
        case failed
        case notApplicable = "not-applicable"
        /// Turned off by the scenario (`off: true`), with its reason in the summary.
        case off
    }

    /// Stable id: `sharedTrace`, `attributes[B server]`, `propagation`, `sampling`, `batching`, `exportTimeout`,
    /// `noLoss`, `wire`, `requests`, `shutdown`.
    public var id: String
    public var status: Status
    /// One line: what held, or what broke.
    public var summary: String
    /// The facts behind the verdict (ids, counts, header values, timings).
    public var evidence: [String]

    public init(id: String, status: Status, summary: String, evidence: [String] = []) {
        self.id = id
        self.status = status
        self.summary = summary
        self.evidence = evidence
    }

    static func check(_ id: String, failures: [String], passed: String, evidence: [String]) -> ExpectationResult {
        if failures.isEmpty { return ExpectationResult(id: id, status: .passed, summary: passed, evidence: evidence) }
        let more = failures.count > 8 ? ["... and \(failures.count - 8) more"] : []
        return ExpectationResult(
            id: id, status: .failed, summary: failures[0], evidence: Array(failures.prefix(8)) + more + evidence)
    }

    static func notApplicable(_ id: String, backend: String) -> ExpectationResult {
        ExpectationResult(
            id: id, status: .notApplicable, summary: "needs the collector's wire view, which \(backend) does not have")
    }
}
