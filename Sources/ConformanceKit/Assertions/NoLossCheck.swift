/// Nothing lost: the spans the traffic caused (requests x spans per request) all reach the collector, once each,
/// under retry faults and at shutdown. docs/cello-telemetry.md section 4.
enum NoLossCheck {
    static func evaluate(_ expectation: NoLossExpectation, _ observed: Observations) -> ExpectationResult {
        // In a sampled scenario only the kept traces are owed: each of them complete. A trace the entry service sent
        // on sampled is kept even when the entry's own spans were lost (else losing them would hide the loss).
        let entry = observed.scenario.entryService.name
        let sentSampled = Set(observed.outgoing(entry).compactMap { hop in
            CarriedContext.first(hop, CarriedContext.allFormats).flatMap { $0.sampled == true ? $0.traceID : nil }
        })
        let keptTraces = observed.traces.filter { observed.keptTraces[$0.key] != nil || sentSampled.contains($0.key) }
        let requests = observed.everyRequestKept ? observed.traffic.outcomes.count : keptTraces.count
        let expected = requests * expectation.spansPerRequest
        let pool = observed.everyRequestKept ? observed.spans : keptTraces.values.flatMap { $0 }
        let received = Set(pool.map { $0.traceID + $0.spanID }).count
        var failures: [String] = []
        if received < expected {
            failures.append("lost \(expected - received) of \(expected) spans (received \(received))")
        } else if received > expected {
            failures.append("received \(received) spans, expected \(expected): extra spans were exported")
        }
        if !observed.everyRequestKept {
            for (trace, spans) in keptTraces.sorted(by: { $0.key < $1.key }) where spans.count < expectation.spansPerRequest {
                failures.append("kept trace \(trace) is incomplete: \(spans.count) of \(expectation.spansPerRequest) spans")
                break
            }
        }
        var evidence = ["\(requests) \(observed.everyRequestKept ? "requests" : "kept traces") x \(expectation.spansPerRequest) spans = \(expected) expected"]
        if let requests = observed.traceRequests {
            let byEnd = Dictionary(grouping: requests, by: { "\($0.end)/\($0.status ?? "-")" })
                .map { "\($0.key): \($0.value.count) requests, \($0.value.map(\.spanCount).reduce(0, +)) spans" }
                .sorted()
            evidence.append("export requests by end/status: " + byEnd.joined(separator: "; "))
            // Behind a collector hop nothing faults, so every forwarded span is one the query sees: a sum above the
            // distinct count means the hop (or the SDK before it) delivered spans twice.
            if let hop = observed.collectorHop {
                let forwarded = requests.map(\.spanCount).reduce(0, +)
                if forwarded > received {
                    failures.append("\(hop) forwarded \(forwarded) spans for \(received) distinct ones: spans arrived more than once")
                }
            }
        }
        if let findings = observed.findings {
            let duplicates = findings.filter { $0.ruleId.contains("duplicate") }
            if !duplicates.isEmpty {
                failures.append("\(duplicates.count) duplicate-span findings: \(duplicates[0].message)")
            }
        }
        return .check(
            "noLoss", failures: failures, passed: "all \(expected) spans arrived exactly once", evidence: evidence)
    }
}
