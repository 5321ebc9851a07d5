/// The shared trace as the topology implies it, on by default when the scenario states no `sharedTrace` chain:
/// every kept request is one trace id, and along every edge S -> D of the topology a span of D is the child of a
/// span of S. Chains and fan-out alike; spans of the wrong kind are left to the span-kind rule.
/// docs/cello-telemetry.md section 7 (shared trace).
enum TopologyCheck {
    static func evaluate(_ observed: Observations) -> ExpectationResult {
        let entry = observed.scenario.entryService.name
        // Edges into or out of a service whose exports fault by design cannot be judged from the spans.
        let faulted = observed.faultedServices
        let edges = observed.reachableEdges.filter {
            observed.service($0.to)?.kind != .external && !faulted.contains($0.from) && !faulted.contains($0.to)
        }
        var failures: [String] = []
        let kept = observed.keptTraces
        let roots = observed.roots
        if observed.everyRequestKept, !observed.trafficCarriesContext, roots.count != observed.traffic.succeeded {
            failures.append("\(observed.traffic.succeeded) requests answered but \(roots.count) root '\(entry) server' spans received")
        }
        // Traces started below the root: a hop that ignored its parent (and was not told sampled=0).
        let unsampled = Set(observed.hops.compactMap { hop -> String? in
            guard let context = CarriedContext.first(hop, observed.formats(of: hop.target)), context.sampled == false else { return nil }
            return context.traceID
        })
        let restarted = observed.traces.filter { !kept.keys.contains($0.key) && !unsampled.contains($0.key) }
        for (trace, spans) in restarted.sorted(by: { $0.key < $1.key }).prefix(3) {
            let services = Set(spans.map(\.service)).sorted().joined(separator: ", ")
            let orphan = spans.first { $0.parentSpanID == nil }.map { " ('\($0.name)' \($0.spanID) has no parent)" } ?? ""
            failures.append("trace \(trace) holds spans of \(services) but none of \(entry): a hop started a new trace id or dropped its parent\(orphan)")
        }
        if restarted.count > 3 { failures.append("\(restarted.count) traces in all without the entry service") }
        var broken = 0
        var example: String?
        for (trace, spans) in kept.sorted(by: { $0.key < $1.key }) {
            var path: [String] = []
            for edge in edges {
                let callers = spans.filter { $0.service == edge.from }
                guard !callers.isEmpty else { continue }
                let callerIDs = Set(callers.map(\.spanID))
                let callees = spans.filter { $0.service == edge.to }
                if let child = callees.first(where: { $0.parentSpanID.map(callerIDs.contains) == true }) {
                    path.append("\(edge.from) \(child.parentSpanID!) -> \(edge.to) \(child.spanID)")
                    continue
                }
                broken += 1
                guard broken <= 5 else { continue }
                if let orphan = callees.first(where: { $0.parentSpanID == nil }) {
                    failures.append("trace \(trace): \(edge.to) span '\(orphan.name)' \(orphan.spanID) has no parent span id (dropped parent); expected a span of \(edge.from)")
                } else if let stray = callees.first {
                    failures.append("trace \(trace): \(edge.to) span '\(stray.name)' has parent \(stray.parentSpanID ?? "-"), which is no span of \(edge.from)")
                } else if restarted.values.contains(where: { $0.contains { $0.service == edge.to } }) {
                    failures.append("trace \(trace): no \(edge.to) span; \(edge.to)'s spans are in other trace ids (\(edge.to) started a new trace id instead of continuing \(trace))")
                } else {
                    failures.append("trace \(trace): no span of \(edge.to) below \(edge.from) (lost, or never called)")
                }
            }
            if example == nil, path.count == edges.count, !edges.isEmpty { example = "trace \(trace): " + path.joined(separator: "; ") }
        }
        if broken > 5 { failures.append("\(broken) broken edges in all") }
        if kept.isEmpty, observed.everyRequestKept, observed.traffic.succeeded > 0 {
            failures.append("no trace holds a span of \(entry)")
        }
        let shape = edges.isEmpty ? entry : edges.map { "\($0.from) -> \($0.to)" }.joined(separator: ", ")
        return .check(
            "sharedTrace", failures: failures,
            passed: "\(kept.count) kept traces, each one trace id along \(shape)",
            evidence: (example.map { [$0] } ?? []) + ["\(observed.traces.count) trace ids, \(observed.spans.count) spans received"])
    }
}
