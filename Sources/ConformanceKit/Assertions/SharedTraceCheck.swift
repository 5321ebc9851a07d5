/// Shared trace and parent chain: every span caused by one request has the request's trace id, and the spans form
/// the listed chain (A server -> A client -> B server -> ...). docs/cello-telemetry.md section 7.
enum SharedTraceCheck {
    static func evaluate(_ expectation: SharedTraceExpectation, _ observed: Observations) -> ExpectationResult {
        let chain = expectation.chain
        let traces = observed.traces
        var failures: [String] = []
        // The root has no parent, or (with the context carried in by the traffic) a parent that no service exported.
        let exported = Set(observed.spans.map(\.spanID))
        let roots = observed.spans.filter { span in
            span.matches(chain[0])
                && (span.parentSpanID == nil || (observed.trafficCarriesContext && !exported.contains(span.parentSpanID!)))
        }
        let rootTraces = Set(roots.map(\.traceID))
        if roots.isEmpty { failures.append("no root span '\(chain[0])' was received") }
        if observed.everyRequestKept, roots.count != observed.traffic.outcomes.count {
            failures.append("\(observed.traffic.outcomes.count) requests sent but \(roots.count) root '\(chain[0])' spans received")
        }
        var example: [String] = []
        for root in roots.sorted(by: { $0.startNanos < $1.startNanos }) {
            let spans = traces[root.traceID] ?? []
            // Fan-out: a span may have several children matching the next selector; any branch may complete it.
            let (path, stuck) = walk(chain, index: 1, from: root, in: spans)
            if path.count < chain.count, let stuck {
                failures.append(diagnose(chain[path.count], parent: stuck, traceID: root.traceID, spans: spans, observed))
            }
            if example.isEmpty, path.count == chain.count {
                example = ["trace \(root.traceID): " + zip(chain, path).map { "\($0) \($1.spanID)" }.joined(separator: " -> ")]
            }
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

    /// The longest path of spans matching `chain[index...]` below `span`, and the span where it stopped.
    private static func walk(
        _ chain: [SpanSelector], index: Int, from span: QueriedSpan, in spans: [QueriedSpan]
    ) -> (path: [QueriedSpan], stuck: QueriedSpan?) {
        guard index < chain.count else { return ([span], nil) }
        var best: (path: [QueriedSpan], stuck: QueriedSpan?) = ([span], span)
        for child in spans where child.matches(chain[index]) && child.parentSpanID == span.spanID {
            let (rest, stuck) = walk(chain, index: index + 1, from: child, in: spans)
            if rest.count + 1 > best.path.count { best = ([span] + rest, stuck) }
            if stuck == nil { break }
        }
        return best
    }

    private static func diagnose(
        _ selector: SpanSelector, parent: QueriedSpan, traceID: String, spans: [QueriedSpan], _ observed: Observations
    ) -> String {
        let candidates = spans.filter { $0.matches(selector) }
        // The span is there, in its place, but of another kind: a wrong kind, not a missing span.
        if let misfiled = spans.first(where: {
            $0.service == selector.service && $0.parentSpanID == parent.spanID && $0.kind != selector.kind
                && (selector.name == nil || $0.name == selector.name)
        }) {
            return "trace \(traceID): \(selector.service) span '\(misfiled.name)' \(misfiled.spanID) is where '\(selector)' "
                + "belongs (child of \(parent.service) \(parent.spanID)) but is \(SpanKindCheck.kindName(misfiled.kind)): "
                + "a wrong span kind"
        }
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
