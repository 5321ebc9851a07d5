/// Each span exported exactly once, on by default: the collector's duplicate findings (within one request and
/// across requests), named by the service whose export repeated them. docs/cello-telemetry.md section 6.
enum ExportOnceCheck {
    static func evaluate(_ observed: Observations) -> ExpectationResult {
        guard let findings = observed.findings, let requests = observed.traceRequests else {
            return .notApplicable("exportOnce", backend: observed.backendName)
        }
        let byID = Dictionary(requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var failures: [String] = []
        var perService: [String: Int] = [:]
        for finding in findings where finding.ruleId.contains("duplicate") {
            let owner = finding.requestId.flatMap { byID[$0]?.serviceNames.joined(separator: "+") } ?? "?"
            perService[owner, default: 0] += 1
            if perService[owner] == 1 {
                failures.append("\(owner) exported spans more than once: \(finding.message) (\(finding.evidence))")
            }
        }
        for (owner, count) in perService.sorted(by: { $0.key < $1.key }) where count > 1 {
            failures.append("\(owner): \(count) export requests repeated spans")
        }
        return .check(
            "exportOnce", failures: failures, passed: "no span was exported twice (\(requests.count) export requests)", evidence: [])
    }
}
