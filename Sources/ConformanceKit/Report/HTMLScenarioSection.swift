/// One scenario of the HTML report: its header, its topology, a waterfall of the traces shown (failing ones first)
/// and beside them every expectation with its evidence, then the services' output.
struct HTMLScenarioSection {
    var result: ScenarioResult
    /// 1-based position in the report (the anchor `#scenario-N`).
    var number: Int
    var tracesShown: Int
    /// Service names in a stable order (topology, then the runs, then any other span service): their colours.
    let serviceOrder: [String]
    private let colours: [String: Int]

    init(result: ScenarioResult, number: Int, tracesShown: Int) {
        self.result = result
        self.number = number
        self.tracesShown = tracesShown
        var names: [String] = []
        var seen: Set<String> = []
        let listed = (result.topology ?? []).map(\.name) + result.services.map(\.name)
        for name in listed + Set(result.spans.map(\.service)).subtracting(listed).sorted()
        where seen.insert(name).inserted {
            names.append(name)
        }
        serviceOrder = names
        colours = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func render() -> String {
        let mentions = FailureMentions(result.expectations)
        let traces = selectTraces(mentions)
        // Where each shown span's row is, so a failed expectation can link to it.
        var rows: [String: String] = [:]
        for (position, trace) in traces.shown.enumerated() {
            for span in trace where rows[span.spanID.lowercased()] == nil {
                rows[span.spanID.lowercased()] = HTMLWaterfall.anchor(
                    prefix: tracePrefix(position),
                    spanID: span.spanID
                )
            }
        }
        let state = result.passed ? "passed" : "failed"
        var out = "<section class=\"card scenario \(state)\" id=\"\(HTMLReporter.scenarioAnchor(number))\">\n"
        out += header()
        out += topology()
        out += "<div class=\"body-grid\"><div class=\"traces\">"
        out += tracesHTML(traces, mentions: mentions)
        out += "</div><aside class=\"expectations\">"
        out += HTMLExpectationList(result: result, number: number, mentions: mentions, rows: rows).render()
        out += "</aside></div>\n"
        out += output()
        return out + "</section>\n"
    }

    // MARK: Header and topology

    private func header() -> String {
        var out = "<div class=\"scenario-head\">"
        out += result.passed ? "<span class=\"verdict pass\">PASS</span>" : "<span class=\"verdict fail\">FAIL</span>"
        out += "<h2>\(HTMLText.escape(result.name))</h2>"
        out +=
            "<span class=\"meta muted\">\(HTMLText.duration(ms: result.durationSeconds * 1000)) · "
            + "<code>\(HTMLText.escape(result.file))</code></span></div>\n"
        if !result.description.isEmpty { out += "<p>\(HTMLText.escape(result.description))</p>\n" }
        out +=
            "<p class=\"muted\">requests: \(result.requestsSucceeded) of \(result.requestsSent) answered 2xx · backend "
            + "\(HTMLText.escape(result.backend)) · \(Set(result.spans.map(\.traceID)).count) traces, \(result.spans.count) spans</p>\n"
        if let error = result.error {
            out += "<div class=\"error-box\"><b>error:</b> \(HTMLText.escape(error))</div>\n"
        }
        return out
    }

    func colour(_ service: String) -> Int { (colours[service] ?? 0) % 8 }

    private func topology() -> String {
        let overviews = result.topology ?? result.services.map { ServiceOverview(name: $0.name, kind: $0.kind) }
        guard !overviews.isEmpty else { return "" }
        let runs = Dictionary(result.services.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var out = "<h3>Topology</h3>"
        let edges = overviews.flatMap { service in service.downstream.map { (service.name, $0) } }
        if !edges.isEmpty {
            out += "<div class=\"edges\">"
            for (from, to) in edges {
                out += "<span class=\"edge\">\(node(from)) → \(node(to))</span>"
            }
            out += "</div>"
        }
        out +=
            "<table class=\"grid topology\"><thead><tr><th>service</th><th>kind</th><th>calls</th><th>configuration</th>"
            + "<th>run</th></tr></thead><tbody>\n"
        for service in overviews {
            out += "<tr><td>\(node(service.name))</td><td>\(HTMLText.escape(service.kind))</td><td>"
            out +=
                service.downstream.isEmpty
                ? "<span class=\"muted\">—</span>" : service.downstream.map(HTMLText.escape).joined(separator: ", ")
            out += "</td><td>"
            out += service.settings.map {
                "<span class=\"chip\"><b>\(HTMLText.escape($0.name))</b> \(HTMLText.escape($0.value))</span>"
            }.joined()
            out += "</td><td>"
            if let run = runs[service.name] {
                let exit = run.exitStatus.map { "exit \($0)" } ?? "no exit status"
                out +=
                    "<span title=\"\(HTMLText.escape(run.commandLine.joined(separator: " ")))\">\(HTMLText.escape(exit))"
                    + "\(run.killed ? ", killed" : "")\(run.address.map { " · " + HTMLText.escape($0) } ?? "")</span>"
            }
            out += "</td></tr>\n"
        }
        return out + "</tbody></table>\n"
    }

    private func node(_ name: String) -> String {
        "<span class=\"node\"><span class=\"svc-dot svc-\(colour(name))\"></span>\(HTMLText.escape(name))</span>"
    }

    // MARK: Traces

    struct Traces {
        var shown: [[QueriedSpan]]
        var failing: Set<String>
        var total: Int
        var failingTotal: Int
    }

    /// Failing traces first (a failed expectation mentions the trace id or one of its span ids), each group by
    /// start time; `tracesShown` of them.
    func selectTraces(_ mentions: FailureMentions) -> Traces {
        var grouped: [String: [QueriedSpan]] = [:]
        var order: [String] = []
        for span in result.spans {
            if grouped[span.traceID] == nil { order.append(span.traceID) }
            grouped[span.traceID, default: []].append(span)
        }
        let traces = order.map { grouped[$0]! }
        let failing = Set(traces.filter(mentions.mentions(trace:)).map { $0[0].traceID })
        let sorted = traces.sorted { lhs, rhs in
            let lf = failing.contains(lhs[0].traceID), rf = failing.contains(rhs[0].traceID)
            if lf != rf { return lf }
            return (lhs.map(\.startNanos).min() ?? 0, lhs[0].traceID) < (
                rhs.map(\.startNanos).min() ?? 0, rhs[0].traceID
            )
        }
        return Traces(
            shown: Array(sorted.prefix(tracesShown)),
            failing: failing,
            total: traces.count,
            failingTotal: failing.count
        )
    }

    private func tracePrefix(_ position: Int) -> String { "s\(number)-t\(position + 1)-" }

    private func tracesHTML(_ traces: Traces, mentions: FailureMentions) -> String {
        var out = "<h3>Traces</h3>"
        guard traces.total > 0 else { return out + "<p class=\"muted\">No span was read back.</p>" }
        out += "<p class=\"muted\">\(traces.total) trace\(traces.total == 1 ? "" : "s")"
        if traces.failingTotal > 0 { out += ", \(traces.failingTotal) named by a failed expectation" }
        out += "; showing \(traces.shown.count)\(traces.failingTotal > 0 ? ", failing first" : "").</p>"
        out += legend()
        for (position, trace) in traces.shown.enumerated() {
            let traceID = trace[0].traceID
            let failing = traces.failing.contains(traceID)
            let start = trace.map(\.startNanos).min() ?? 0
            let end = trace.map(\.endNanos).max() ?? start
            out += "<div class=\"trace\(failing ? " failing" : "")\" data-trace-id=\"\(HTMLText.escape(traceID))\">"
            out += "<div class=\"trace-head\">"
            out += failing ? "<span class=\"pill fail\">failing</span>" : "<span class=\"pill pass\">ok</span>"
            out += "<b>trace</b> <code>\(HTMLText.escape(traceID))</code>"
            out +=
                "<span class=\"muted\">\(trace.count) span\(trace.count == 1 ? "" : "s") · "
                + "\(HTMLText.duration(ms: Double(end > start ? end - start : 0) / 1_000_000))</span></div>\n"
            out += HTMLWaterfall(
                spans: trace,
                colour: colour,
                highlighted: mentions.spanIDs,
                anchorPrefix: tracePrefix(position)
            ).render()
            out += "</div>\n"
        }
        return out
    }

    private func legend() -> String {
        let services = Set(result.spans.map(\.service))
        var out = "<div class=\"legend\">"
        for name in serviceOrder where services.contains(name) {
            out += "<span><span class=\"swatch svc-\(colour(name))\"></span>\(HTMLText.escape(name))</span>"
        }
        out += "<span><span class=\"swatch svc-7\"></span>server</span>"
        out += "<span><span class=\"swatch svc-7 striped\"></span>client (striped)</span>"
        out += "<span><span class=\"swatch thin svc-7\"></span>internal</span>"
        out += "<span><span class=\"swatch svc-7 erroring\"></span>error status</span>"
        out += "<span><span class=\"badge-failed\">!</span>named by a failed expectation</span>"
        return out + "<span>hover a bar for its attributes, click a row for details</span></div>"
    }

    // MARK: Output

    private func output() -> String {
        let services = result.services.filter { !$0.output.isEmpty }
        guard !services.isEmpty else { return "" }
        var out = "<h3>Service output</h3>"
        for service in services {
            let lines = service.output.suffix(80)
            out +=
                "<details class=\"output\"><summary>\(HTMLText.escape(service.name)) — "
                + "exit \(service.exitStatus.map(String.init) ?? "?")\(service.killed ? ", killed" : "") · "
                + "\(lines.count == service.output.count ? "" : "last \(lines.count) of ")\(service.output.count) "
                + "line\(service.output.count == 1 ? "" : "s") · "
                + "<code>\(HTMLText.escape(service.commandLine.joined(separator: " ")))</code></summary>"
                + "<pre>\(HTMLText.escape(lines.joined(separator: "\n")))</pre></details>\n"
        }
        return out
    }
}
