/// Shared trace and parent chain: every span caused by one request has the request's trace id, and the spans form
/// the listed chain (A server -> A client -> B server -> ...). cello-telemetry.md section 7.
enum SharedTraceCheck {
    static func evaluate(_ expectation: SharedTraceExpectation, _ observed: Observations) -> ExpectationResult {
        let chain = expectation.chain
        let traces = observed.traces
        var failures: [String] = []
        let roots = observed.spans.filter { $0.matches(chain[0]) && $0.parentSpanID == nil }
        let rootTraces = Set(roots.map(\.traceID))
        if roots.isEmpty { failures.append("no root span '\(chain[0])' was received") }
        if observed.scenario.expectations.sampling == nil, roots.count != observed.traffic.outcomes.count {
            failures.append("\(observed.traffic.outcomes.count) requests sent but \(roots.count) root '\(chain[0])' spans received")
        }
        var example: [String] = []
        for root in roots.sorted(by: { $0.startNanos < $1.startNanos }) {
            let spans = traces[root.traceID] ?? []
            var current = root
            var path = ["\(chain[0]) \(root.spanID)"]
            for selector in chain.dropFirst() {
                if let next = spans.first(where: { $0.matches(selector) && $0.parentSpanID == current.spanID }) {
                    current = next
                    path.append("\(selector) \(next.spanID)")
                    continue
                }
                failures.append(diagnose(selector, parent: current, traceID: root.traceID, spans: spans, observed))
                break
            }
            if example.isEmpty, path.count == chain.count { example = ["trace \(root.traceID): " + path.joined(separator: " -> ")] }
        }
        for (traceID, spans) in traces where !rootTraces.contains(traceID) {
            let services = Set(spans.map(\.service)).sorted().joined(separator: ", ")
            failures.append(
                "trace \(traceID) holds spans of \(services) but no '\(chain[0])' root: a hop started a new trace id "
                    + "or dropped its parent")
        }
        return .check(
            "sharedTrace", failures: failures,
            passed: "\(roots.count) traces, each a single trace id with the chain " + chain.map(\.description).joined(separator: " -> "),
            evidence: example + ["\(traces.count) trace ids, \(observed.spans.count) spans received"])
    }

    private static func diagnose(
        _ selector: SpanSelector, parent: QueriedSpan, traceID: String, spans: [QueriedSpan], _ observed: Observations
    ) -> String {
        let candidates = spans.filter { $0.matches(selector) }
        if let orphan = candidates.first(where: { $0.parentSpanID == nil }) {
            return "trace \(traceID): '\(selector)' span \(orphan.spanID) has no parent span id (dropped parent); "
                + "expected parent \(parent.service) span \(parent.spanID)"
        }
        if let wrong = candidates.first {
            return "trace \(traceID): '\(selector)' span \(wrong.spanID) has parent \(wrong.parentSpanID ?? "-"), "
                + "expected \(parent.spanID) (\(parent.service) \(SpanSelector(service: "", kind: parent.kind).kindName))"
        }
        let elsewhere = Set(observed.spans.filter { $0.matches(selector) }.map(\.traceID))
        if !elsewhere.isEmpty {
            return "trace \(traceID): no '\(selector)' span; \(selector.service)'s spans are in \(elsewhere.count) "
                + "other trace ids (\(selector.service) started a new trace id instead of continuing \(traceID))"
        }
        return "trace \(traceID): no '\(selector)' span was received at all"
    }
}
