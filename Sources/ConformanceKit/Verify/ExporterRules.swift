/// The verifier's own rules, on top of the collector's wire findings: what the exporter made of the configuration
/// it was given, and whether its spans arrived. Each finding has a rule id (`exporter.*`).
struct ExporterRules {
    var verifier: ExporterVerifier

    func judge(requests: [HarnessRequest], spans: [QueriedSpan], _ run: ExporterVerification) -> [HarnessFinding] {
        var findings: [HarnessFinding] = []
        let timeout = Double(verifier.timeoutMs)
        let tolerance = Double(verifier.toleranceMs)
        if requests.isEmpty {
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.nothing-exported", severity: "violation",
                    message: "the command exited without exporting any span",
                    evidence: "exit status \(run.exitStatus.map(String.init) ?? "?")"))
        }
        let collectorJudgedBatches = run.findings.contains { $0.ruleId.contains("batch") }
        if !collectorJudgedBatches {
            for request in requests where request.spanCount > verifier.batchSize {
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.batch-size", severity: "violation",
                        message: "export request carried \(request.spanCount) spans, over OTEL_BSP_MAX_EXPORT_BATCH_SIZE=\(verifier.batchSize)",
                        evidence: "request #\(request.id)", requestId: request.id))
            }
        }
        for request in requests where request.exportProtocol == "grpc" {
            guard let sent = request.grpcTimeoutMs else { continue }
            if sent >= timeout * 1000 * 0.9, sent <= timeout * 1000 * 1.1 {  // a thousand times too long: seconds
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.timeout-units", severity: "violation",
                        message: "OTEL_EXPORTER_OTLP_TIMEOUT=\(verifier.timeoutMs) is read as seconds, not milliseconds "
                            + "(the specification says milliseconds)",
                        evidence: "request #\(request.id) grpc-timeout \(format(sent)) ms", requestId: request.id))
            } else if sent > timeout + tolerance {
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.timeout-ignored", severity: "violation",
                        message: "grpc-timeout is longer than OTEL_EXPORTER_OTLP_TIMEOUT=\(verifier.timeoutMs) ms",
                        evidence: "request #\(request.id) grpc-timeout \(format(sent)) ms", requestId: request.id))
            } else if sent > timeout {
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.timeout-rounded-up", severity: "warning",
                        message: "grpc-timeout exceeds the configured \(verifier.timeoutMs) ms (rounded up; within "
                            + "the \(verifier.toleranceMs) ms tolerance)",
                        evidence: "request #\(request.id) grpc-timeout \(format(sent)) ms", requestId: request.id))
            }
        }
        if let firstTimeoutFinding = findings.first(where: { $0.ruleId == "exporter.timeout-units" }) {
            // One finding per rule is enough when every request repeats it.
            findings.removeAll { $0.ruleId == "exporter.timeout-units" }
            let count = requests.filter { $0.grpcTimeoutMs != nil }.count
            var summary = firstTimeoutFinding
            summary.evidence += " (\(count) requests)"
            findings.append(summary)
        }
        if run.spansQueried < run.spansExported {
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.spans-unreadable", severity: "violation",
                    message: "\(run.spansExported) spans were accepted but \(run.spansQueried) could be read back",
                    evidence: "query API /api/v3/traces"))
        }
        if let status = run.exitStatus, status != 0 {
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.command-failed", severity: "warning",
                    message: "the command exited with status \(status)\(run.killed ? " after being killed" : "")",
                    evidence: run.output.suffix(3).joined(separator: " | ")))
        }
        return findings
    }

    func format(_ value: Double) -> String { ExportTimeoutCheck.format(value) }
}
