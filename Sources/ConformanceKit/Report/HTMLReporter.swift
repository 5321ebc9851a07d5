/// `--report html`: one self-contained page for people, rendered from the same `[ScenarioResult]` as the JSON
/// report (which stays the machine contract). docs/cello-telemetry.md section 7 (reports).
///
/// First a summary (scenarios passed and failed, total time) with every failed expectation listed in `#failures`,
/// each linking to its scenario; then per scenario its topology, a waterfall of a few traces (failing ones first)
/// and, beside them, every expectation with its evidence. All text from the run is escaped.
public struct HTMLReporter: Sendable {
    /// Traces drawn per scenario (a sampling scenario has thousands).
    public var tracesShown: Int
    public var title: String

    public init(tracesShown: Int = 3, title: String = "Conformance report") {
        self.tracesShown = tracesShown
        self.title = title
    }

    public func render(_ results: [ScenarioResult]) -> String {
        var body = "<main>\n"
        body += summary(results)
        body += failures(results)
        if results.count > 1 { body += index(results) }
        for (position, result) in results.enumerated() {
            body += HTMLScenarioSection(result: result, number: position + 1, tracesShown: tracesShown).render()
        }
        body += "</main>"
        return HTMLPage.document(title: title, body: body)
    }

    /// The anchor of scenario `number` (1-based), `#scenario-N`.
    static func scenarioAnchor(_ number: Int) -> String { "scenario-\(number)" }

    /// The anchor of expectation `index` (0-based) of scenario `number`.
    static func expectationAnchor(_ number: Int, _ index: Int) -> String { "scenario-\(number)-exp-\(index + 1)" }

    private func summary(_ results: [ScenarioResult]) -> String {
        let passed = results.filter(\.passed).count
        let failed = results.count - passed
        let total = results.map(\.durationSeconds).reduce(0, +)
        let allPassed = failed == 0
        let expectations = results.flatMap(\.expectations)
        var out = "<header class=\"card report-head\">"
        out += "<div class=\"title\"><h1>\(HTMLText.escape(title))</h1>"
        out +=
            allPassed ? "<span class=\"verdict pass\">ALL PASSED</span>" : "<span class=\"verdict fail\">FAILED</span>"
        out += "</div><div class=\"stats\">"
        out += "<div class=\"stat pass\"><b>\(passed)</b>scenarios passed</div>"
        out += "<div class=\"stat\(failed > 0 ? " fail" : "")\"><b>\(failed)</b>scenarios failed</div>"
        out += "<div class=\"stat\"><b>\(HTMLText.duration(ms: total * 1000))</b>total time</div>"
        out +=
            "<div class=\"stat\"><b>\(expectations.filter { $0.status == .passed }.count)/\(expectations.count)</b>expectations passed</div>"
        out += "</div></header>\n"
        return out
    }

    /// `#failures`: every scenario error and failed expectation, each linking to its scenario and to the expectation.
    private func failures(_ results: [ScenarioResult]) -> String {
        var items: [String] = []
        for (position, result) in results.enumerated() {
            let number = position + 1
            let scenarioLink =
                "<a class=\"scenario-link\" href=\"#\(Self.scenarioAnchor(number))\">\(HTMLText.escape(result.name))</a>"
            if let error = result.error {
                items.append(
                    "<li class=\"failure\">\(scenarioLink) <span class=\"pill fail\">error</span>"
                        + "<span class=\"summary\">\(HTMLText.escape(error))</span></li>"
                )
            }
            for (index, expectation) in result.expectations.enumerated() where expectation.status == .failed {
                items.append(
                    "<li class=\"failure\">\(scenarioLink) · <a href=\"#\(Self.expectationAnchor(number, index))\">"
                        + "<code>\(HTMLText.escape(expectation.id))</code></a>"
                        + "<span class=\"summary\">\(HTMLText.escape(expectation.summary))</span></li>"
                )
            }
        }
        if items.isEmpty {
            return "<section id=\"failures\" class=\"card none\"><h2>Failures</h2>"
                + "<p class=\"muted\">No failed expectation: every scenario passed.</p></section>\n"
        }
        return "<section id=\"failures\" class=\"card\"><h2>Failures (\(items.count))</h2><ol>\n"
            + items.joined(separator: "\n") + "\n</ol></section>\n"
    }

    private func index(_ results: [ScenarioResult]) -> String {
        var out =
            "<section class=\"card\"><h2>Scenarios</h2><table class=\"grid\"><thead><tr><th>scenario</th><th>verdict</th>"
            + "<th class=\"num\">failed expectations</th><th class=\"num\">requests (2xx / sent)</th>"
            + "<th class=\"num\">traces</th><th class=\"num\">spans</th><th class=\"num\">time</th></tr></thead><tbody>\n"
        for (position, result) in results.enumerated() {
            let verdict =
                result.passed ? "<span class=\"pill pass\">passed</span>" : "<span class=\"pill fail\">failed</span>"
            out +=
                "<tr><td><a href=\"#\(Self.scenarioAnchor(position + 1))\">\(HTMLText.escape(result.name))</a></td>"
                + "<td>\(verdict)</td><td class=\"num\">\(result.failures.count)</td>"
                + "<td class=\"num\">\(result.requestsSucceeded) / \(result.requestsSent)</td>"
                + "<td class=\"num\">\(Set(result.spans.map(\.traceID)).count)</td><td class=\"num\">\(result.spans.count)</td>"
                + "<td class=\"num\">\(HTMLText.duration(ms: result.durationSeconds * 1000))</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }
}
