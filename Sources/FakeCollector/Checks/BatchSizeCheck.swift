/// The batch rule of docs/cello-telemetry.md section 4: an export carries at most the scenario's `batchSize` spans.
struct BatchSizeCheck {
    static func check(spanCount: Int, expected: Int?, into findings: inout FindingCollector) {
        guard let expected, spanCount > expected else { return }
        findings.add(.batchSize, "an export must carry at most batchSize spans",
                     evidence: "\(spanCount) spans, batchSize \(expected)")
    }
}
