/// The expectations column of a scenario in the HTML report: each expectation with its status (passed, failed,
/// n/a, off), summary and evidence (open for a failure); a failed one names the spans it is about (the 16-hex ids
/// in its summary and evidence), linking to their rows when their trace is drawn.
struct HTMLExpectationList {
    var result: ScenarioResult
    /// The scenario's 1-based position (the expectations' anchors).
    var number: Int
    var mentions: FailureMentions
    /// Lower-cased span id -> the `id` of its row in a drawn trace.
    var rows: [String: String]

    func render() -> String {
        var out = "<h3>Expectations</h3>"
        let counts = [
            (ExpectationResult.Status.passed, "passed"), (.failed, "failed"), (.notApplicable, "n/a"), (.off, "off"),
        ]
        .compactMap { status, name -> String? in
            let count = result.expectations.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(name)"
        }
        out +=
            "<div class=\"counts\">\(counts.isEmpty ? "no expectation judged" : counts.joined(separator: " · "))</div>"
        let spans = Dictionary(
            result.spans.map { ($0.spanID.lowercased(), $0) },
            uniquingKeysWith: { first, _ in first }
        )
        for (index, expectation) in result.expectations.enumerated() {
            out +=
                "<div class=\"expectation \(expectation.status.rawValue)\" id=\"\(HTMLReporter.expectationAnchor(number, index))\">"
            out +=
                "<div class=\"exp-head\">\(HTMLPage.pill(expectation.status))<code>\(HTMLText.escape(expectation.id))</code></div>"
            out += "<p class=\"exp-summary\">\(HTMLText.escape(expectation.summary))</p>"
            if expectation.status == .failed, let ids = mentions.spanIDsByExpectation[index], !ids.isEmpty {
                out += "<div class=\"about\"><b>spans:</b> "
                out += ids.map { id -> String in
                    let label = spans[id].map { "\($0.service) \($0.name) " } ?? ""
                    if let row = rows[id] {
                        return
                            "<a class=\"chip\" href=\"#\(row)\" title=\"\(HTMLText.escape(label + id))\">\(HTMLText.escape(label))\(id)</a>"
                    }
                    let note = spans[id] == nil ? "not among the spans read back" : "its trace is not shown"
                    return "<span class=\"chip\" title=\"\(note)\">\(HTMLText.escape(label))\(id)</span>"
                }.joined(separator: " ")
                out += "</div>"
            }
            if !expectation.evidence.isEmpty {
                // Open for a failure; a click away otherwise, so the passed ones stay short beside the traces.
                let count = expectation.evidence.count
                out +=
                    "<details class=\"evidence-box\"\(expectation.status == .failed ? " open" : "")>"
                    + "<summary>evidence (\(count) line\(count == 1 ? "" : "s"))</summary><ul class=\"evidence\">"
                    + expectation.evidence.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul></details>"
            }
            out += "</div>\n"
        }
        return out
    }
}
