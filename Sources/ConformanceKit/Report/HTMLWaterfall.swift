/// One trace of the HTML report as a waterfall: a row per span in parent-chain order (children indented under
/// their parent), each with a bar placed by its start and end on an axis shared by the whole trace, coloured by
/// service, its kind and error status marked; hovering a bar shows its attributes (title), clicking the row opens
/// them (details). docs/cello-telemetry.md section 7 (reports).
struct HTMLWaterfall {
    var spans: [QueriedSpan]
    /// The colour class index of each service (`svc-N`).
    var colour: (String) -> Int
    /// Lower-cased span ids a failed expectation is about: their rows get the `highlight` class.
    var highlighted: Set<String>
    /// Prefix of the rows' `id`s, unique per shown trace (`s2-t1-`).
    var anchorPrefix: String

    /// The `id` of a span's row.
    static func anchor(prefix: String, spanID: String) -> String { HTMLText.anchor(prefix, spanID.lowercased()) }

    /// The spans with their depth, parents before children, siblings by start time; every span exactly once
    /// (spans whose parent is not in the trace, or in a parent cycle, start a new root).
    static func ordered(_ spans: [QueriedSpan]) -> [(span: QueriedSpan, depth: Int)] {
        let ids = Set(spans.map(\.spanID))
        let byStart: (Int, Int) -> Bool = {
            (spans[$0].startNanos, spans[$0].spanID, $0) < (spans[$1].startNanos, spans[$1].spanID, $1)
        }
        func isRoot(_ span: QueriedSpan) -> Bool {
            guard let parent = span.parentSpanID else { return true }
            return parent == span.spanID || !ids.contains(parent)
        }
        var children: [String: [Int]] = [:]
        for (position, span) in spans.enumerated() where !isRoot(span) {
            children[span.parentSpanID!, default: []].append(position)
        }
        var rows: [(span: QueriedSpan, depth: Int)] = []
        var placed = [Bool](repeating: false, count: spans.count)
        func visit(_ root: Int) {
            var stack: [(Int, Int)] = [(root, 0)]
            while let (position, depth) = stack.popLast() {
                guard !placed[position] else { continue }
                placed[position] = true
                rows.append((spans[position], depth))
                // Each span id's children are visited once, under its first placed occurrence.
                let next = children.removeValue(forKey: spans[position].spanID) ?? []
                for child in next.sorted(by: byStart).reversed() { stack.append((child, depth + 1)) }
            }
        }
        let order = spans.indices.sorted(by: byStart)
        for position in order where isRoot(spans[position]) { visit(position) }
        for position in order where !placed[position] { visit(position) }
        return rows
    }

    func render() -> String {
        let start = spans.map(\.startNanos).min() ?? 0
        let end = max(spans.map(\.endNanos).max() ?? start, start)
        let total = Double(end - start)
        var out = "<div class=\"waterfall\">\n"
        out += "<div class=\"wf-axis\"><span class=\"wf-label\">service · span</span><span class=\"track\">"
        for step in 0...4 {
            let fraction = Double(step) / 4
            let align = step == 0 ? " first" : step == 4 ? " last" : ""
            out +=
                "<span class=\"tick\(align)\" style=\"left:\(Self.percent(fraction))\">"
                + (step == 0 ? "0" : HTMLText.duration(ms: total * fraction / 1_000_000)) + "</span>"
        }
        out += "</span><span class=\"span-dur\">duration</span></div>\n"
        let ids = Set(spans.map(\.spanID))
        for (span, depth) in Self.ordered(spans) {
            let orphanOf = span.parentSpanID.flatMap { ids.contains($0) ? nil : $0 }
            out += row(span, depth: depth, orphanOf: orphanOf, start: start, total: total)
        }
        return out + "</div>\n"
    }

    private func row(_ span: QueriedSpan, depth: Int, orphanOf: String?, start: UInt64, total: Double) -> String {
        let kind = SpanSelector(service: "", kind: span.kind).kindName
        let error = span.statusCode == 2
        let svc = "svc-\(colour(span.service))"
        let offset = span.startNanos >= start ? Double(span.startNanos - start) : 0
        let length = span.endNanos > span.startNanos ? Double(span.endNanos - span.startNanos) : 0
        var left = total > 0 ? offset / total : 0
        var width = total > 0 ? length / total : 1
        width = max(width, 0.004)
        left = min(left, 1 - width)
        let highlight = highlighted.contains(span.spanID.lowercased())
        let id = HTMLText.escape(span.spanID)
        var rowClass = "span-row"
        if highlight { rowClass += " highlight" }
        if error { rowClass += " error" }
        var out =
            "<details class=\"\(rowClass)\" id=\"\(Self.anchor(prefix: anchorPrefix, spanID: span.spanID))\" data-span-id=\"\(id)\">"
        out += "<summary>"
        out += "<span class=\"wf-label\" style=\"padding-left:\(min(depth, 24) * 16 + 4)px\">"
        out += "<span class=\"svc-dot \(svc)\"></span><span class=\"svc-name\">\(HTMLText.escape(span.service))</span>"
        out += "<span class=\"span-name\">\(HTMLText.escape(span.name))</span>"
        out += "<span class=\"kind kind-\(HTMLText.anchor("", kind))\">\(HTMLText.escape(kind))</span>"
        if error { out += "<span class=\"badge-error\">error</span>" }
        if highlight {
            out += "<span class=\"badge-failed\" title=\"a failed expectation is about this span\">!</span>"
        }
        if let parent = orphanOf {
            out +=
                "<span class=\"orphan\" title=\"the parent span is not in this trace\">parent \(HTMLText.escape(parent)) not here</span>"
        }
        out += "</span>"
        out +=
            "<span class=\"track\"><span class=\"span-bar \(svc) kind-\(HTMLText.anchor("", kind))\(error ? " error" : "")"
            + "\(highlight ? " highlight" : "")\" data-span-id=\"\(id)\" style=\"left:\(Self.percent(left));width:\(Self.percent(width))\""
            + " title=\"\(HTMLText.escape(tooltip(span, kind: kind)))\"></span></span>"
        out += "<span class=\"span-dur\">\(HTMLText.duration(ms: Self.durationMs(span)))</span>"
        out += "</summary>\n"
        out += details(span, kind: kind, offsetMs: offset / 1_000_000)
        return out + "</details>\n"
    }

    private func tooltip(_ span: QueriedSpan, kind: String) -> String {
        var lines = [
            "\(span.service) · \(span.name) [\(kind)] · \(HTMLText.duration(ms: Self.durationMs(span)))",
            "span \(span.spanID)",
        ]
        if span.statusCode == 2 { lines.append("status: ERROR") }
        lines += span.attributes.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
        return lines.joined(separator: "\n")
    }

    private func details(_ span: QueriedSpan, kind: String, offsetMs: Double) -> String {
        var facts: [(String, String)] = [
            ("span id", span.spanID), ("parent id", span.parentSpanID ?? "none (root)"), ("kind", kind),
            ("start", "+" + HTMLText.duration(ms: offsetMs)),
            ("duration", HTMLText.duration(ms: Self.durationMs(span))),
            (
                "status",
                ["unset", "ok", "error"].indices.contains(span.statusCode)
                    ? ["unset", "ok", "error"][span.statusCode] : "\(span.statusCode)"
            ),
            ("flags", String(span.flags, radix: 16)),
        ]
        if !span.traceState.isEmpty { facts.append(("tracestate", span.traceState)) }
        var out = "<div class=\"span-details\"><table class=\"kv\">"
        for (name, value) in facts {
            out += "<tr><th>\(HTMLText.escape(name))</th><td><code>\(HTMLText.escape(value))</code></td></tr>"
        }
        out += "</table><table class=\"kv attrs\"><tr><th colspan=\"3\">attributes</th></tr>"
        if span.attributes.isEmpty { out += "<tr><td colspan=\"3\" class=\"muted\">none</td></tr>" }
        for (key, value) in span.attributes.sorted(by: { $0.key < $1.key }) {
            out +=
                "<tr><th>\(HTMLText.escape(key))</th><td class=\"type\">\(value.typeName)</td>"
                + "<td><code>\(HTMLText.escape(value.description))</code></td></tr>"
        }
        return out + "</table></div>\n"
    }

    /// The span's duration; zero when it claims to end before it starts.
    static func durationMs(_ span: QueriedSpan) -> Double {
        span.endNanos > span.startNanos ? Double(span.endNanos - span.startNanos) / 1_000_000 : 0
    }

    static func percent(_ fraction: Double) -> String {
        let value = (max(0, min(1, fraction)) * 100_000).rounded() / 1000
        return "\(value)%"
    }
}
