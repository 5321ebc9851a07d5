/// Gathers the findings of one request, one entry per rule: the first occurrence's evidence plus a count,
/// so a broken exporter sending a million bad spans yields a bounded list.
struct FindingCollector: Sendable {
    private var order: [String] = []
    private var entries: [String: (finding: WireFinding, count: Int)] = [:]

    var isEmpty: Bool { order.isEmpty }

    mutating func add(_ rule: WireRule, _ message: @autoclosure () -> String, evidence: @autoclosure () -> String) {
        if let existing = entries[rule.id] {
            entries[rule.id] = (existing.finding, existing.count + 1)
            return
        }
        order.append(rule.id)
        entries[rule.id] = (WireFinding(rule, message(), evidence: evidence()), 1)
    }

    func contains(_ rule: WireRule) -> Bool { entries[rule.id] != nil }

    /// The findings in first-seen order, each tagged with the request id; repeats noted in the message.
    func findings(requestId: Int?) -> [WireFinding] {
        order.compactMap { id in
            guard let (first, count) = entries[id] else { return nil }
            var finding = first
            if count > 1 { finding.message += " (\(count) occurrences)" }
            finding.requestId = requestId
            return finding
        }
    }
}
