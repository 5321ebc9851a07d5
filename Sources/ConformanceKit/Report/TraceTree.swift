/// Renders one trace as an indented tree of service / span / duration (docs/cello-telemetry.md section 7, reports).
enum TraceTree {
    /// Lines such as `A  GET /api/chain  12.3 ms` indented by depth; spans whose parent is missing start a
    /// new root (marked `(no parent here)` when they claim a parent).
    static func lines(_ spans: [QueriedSpan]) -> [String] {
        let ids = Set(spans.map(\.spanID))
        let children = Dictionary(grouping: spans.filter { $0.parentSpanID != nil && ids.contains($0.parentSpanID!) }) {
            $0.parentSpanID!
        }
        let roots = spans.filter { $0.parentSpanID == nil || !ids.contains($0.parentSpanID!) }
            .sorted { $0.startNanos < $1.startNanos }
        var lines: [String] = []
        func visit(_ span: QueriedSpan, depth: Int) {
            let kind = SpanSelector(service: "", kind: span.kind).kindName
            let orphan = depth == 0 && span.parentSpanID != nil ? "  (parent \(span.parentSpanID!) not here)" : ""
            lines.append(
                String(repeating: "  ", count: depth + 1)
                    + "\(span.service)  \(span.name) [\(kind)]  \(ExportTimeoutCheck.format(span.durationMs)) ms\(orphan)")
            guard depth < 32 else { return }
            for child in (children[span.spanID] ?? []).sorted(by: { $0.startNanos < $1.startNanos }) {
                visit(child, depth: depth + 1)
            }
        }
        for root in roots { visit(root, depth: 0) }
        return lines
    }
}
