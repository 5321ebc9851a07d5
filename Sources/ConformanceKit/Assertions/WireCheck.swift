/// What the collector saw on the wire: the configured protocol and compression, and no violation findings.
/// docs/cello-telemetry.md section 6 (wire checks). Needs the wire view.
enum WireCheck {
    static func evaluate(_ expectation: WireExpectation, _ observed: Observations) -> ExpectationResult {
        guard var requests = observed.sdkTraceRequests, var findings = observed.findings else {
            return observed.wireNotApplicable("wire")
        }
        // `services: [B]` judges B's export requests and their findings (a finding tied to no request stays).
        if !expectation.services.isEmpty {
            requests = requests.filter { !Set($0.serviceNames).isDisjoint(with: expectation.services) }
            let ids = Set(requests.map(\.id))
            findings = findings.filter { $0.requestId.map(ids.contains) ?? true }
        }
        var failures: [String] = []
        if requests.isEmpty {
            guard observed.everyRequestKept else {
                return ExpectationResult(id: "wire", status: .notApplicable, summary: "no export request arrived (nothing was sampled)")
            }
            failures.append("no export request arrived")
        }
        if let proto = expectation.exportProtocol {
            for request in requests where request.exportProtocol != proto {
                failures.append("export request #\(request.id) used \(request.exportProtocol), expected \(proto)")
            }
        }
        if let compression = expectation.compression {
            for request in requests where request.compression != compression {
                failures.append("export request #\(request.id) compression \(request.compression), expected \(compression)")
            }
        }
        if expectation.noViolations {
            for finding in findings where finding.isViolation {
                failures.append("\(finding.ruleId): \(finding.message) [\(finding.evidence)]")
            }
        }
        let warnings = findings.filter { !$0.isViolation }.map(\.ruleId)
        return .check(
            "wire", failures: failures,
            passed: "\(requests.count) export requests"
                + (expectation.exportProtocol.map { " over \($0)" } ?? "")
                + (expectation.compression.map { ", compression \($0)" } ?? "") + ", no violations",
            evidence: ["warnings: " + (warnings.isEmpty ? "none" : Set(warnings).sorted().joined(separator: ", "))])
    }
}
