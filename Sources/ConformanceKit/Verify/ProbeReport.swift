/// One probe of `verify-exporter`: a behaviour it set out to judge, whether it could, and what it found.
///
/// The report lists every probe, so a clean result says what was judged and what was not (and why).
public struct ProbeReport: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Ran, no finding.
        case passed
        /// Ran, warnings only.
        case warning
        /// Ran, at least one violation.
        case failed
        /// Could not run, or was turned off; `detail` says why.
        case notRun = "not-run"
    }

    /// `batch-size`, `grpc-timeout`, `stall`, `headers`, `compression`.
    public var name: String
    public var outcome: Outcome
    /// What was seen when it ran; why not when it did not.
    public var detail: String
    /// The finding rule ids the probe reports under.
    public var ruleIds: [String]

    public init(name: String, outcome: Outcome, detail: String, ruleIds: [String]) {
        self.name = name
        self.outcome = outcome
        self.detail = detail
        self.ruleIds = ruleIds
    }

    public var ran: Bool { outcome != .notRun }

    /// A probe that ran: its outcome from the findings under its rule ids.
    static func ran(_ name: String, ruleIds: [String], findings: [HarnessFinding], detail: String) -> ProbeReport {
        let own = findings.filter { ruleIds.contains($0.ruleId) }
        let outcome: Outcome = own.contains(where: \.isViolation) ? .failed : own.isEmpty ? .passed : .warning
        return ProbeReport(name: name, outcome: outcome, detail: detail, ruleIds: ruleIds)
    }

    static func notRun(_ name: String, ruleIds: [String], because reason: String) -> ProbeReport {
        ProbeReport(name: name, outcome: .notRun, detail: reason, ruleIds: ruleIds)
    }
}

/// The export the stall probe held without answering, as the collector saw it end.
public struct StallObservation: Sendable, Hashable, Codable {
    /// The stalled request's id.
    public var requestId: Int
    /// How long the collector held it open (arrival to end), in milliseconds; nil if it never ended.
    public var openMs: Double?
    /// How it ended: `connection-closed` or `client-reset` (the exporter gave up), `server-fault` (the probe
    /// released it), `pending`.
    public var end: String
    /// Whether the probe had to release it because the exporter had not given up within `releaseAfterMs`.
    public var released: Bool
    /// The bound: --timeout-ms + --timeout-tolerance-ms + the grace.
    public var releaseAfterMs: Int
    /// Whether it ended as the command exited (within 100 ms): the exporter may have let go only because the
    /// process ended.
    public var endedWithCommand: Bool

    public init(requestId: Int, openMs: Double?, end: String, released: Bool, releaseAfterMs: Int,
                endedWithCommand: Bool = false) {
        self.requestId = requestId
        self.openMs = openMs
        self.end = end
        self.released = released
        self.releaseAfterMs = releaseAfterMs
        self.endedWithCommand = endedWithCommand
    }
}
