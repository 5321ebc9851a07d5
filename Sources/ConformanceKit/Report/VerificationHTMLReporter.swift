/// `conformance verify-exporter --report html`: the run as one self-contained page, from the same
/// `ExporterVerification` as the JSON report. A summary first (violations listed in `#failures`), then the
/// configuration, every finding (rule id, severity, evidence) and the export requests as a timeline (request id,
/// batch size against the configured one, `grpc-timeout`, duration). docs/cello-telemetry.md section 7.
public enum VerificationHTMLReporter {
    /// - Parameter exports: the export requests when known (`ExportRecord.records(requests)`); by default what the
    ///   verification itself carries (batch sizes in arrival order, grpc-timeouts when each request sent one).
    public static func render(_ run: ExporterVerification, exports: [ExportRecord]? = nil) -> String {
        let exports = exports ?? ExportRecord.records(run)
        let findings = run.findings.sorted { ($0.isViolation ? 0 : 1, $0.ruleId) < ($1.isViolation ? 0 : 1, $1.ruleId) }
        let violations = findings.filter(\.isViolation)
        var body = "<main>\n"
        body += "<header class=\"card report-head\"><div class=\"title\"><h1>verify-exporter report</h1>"
        body +=
            run.hasViolation
            ? "<span class=\"verdict fail\">VIOLATIONS FOUND</span>" : "<span class=\"verdict pass\">CLEAN</span>"
        body += "</div><div class=\"stats\">"
        body += "<div class=\"stat\(violations.isEmpty ? "" : " fail")\"><b>\(violations.count)</b>violations</div>"
        body += "<div class=\"stat\"><b>\(findings.count - violations.count)</b>warnings</div>"
        body += "<div class=\"stat\"><b>\(run.requestCount)</b>export requests</div>"
        body += "<div class=\"stat\"><b>\(run.spansExported) / \(run.spansQueried)</b>spans exported / read back</div>"
        body += "</div></header>\n"
        body += failures(violations, exports: exports)
        body += configuration(run)
        body += probes(run.probes)
        body += findingsTable(findings, exports: exports)
        body += timeline(exports, run: run, findings: findings)
        if !run.output.isEmpty {
            let lines = run.output.suffix(200)
            body +=
                "<section class=\"card\"><h2>Command output</h2><details class=\"output\"\(run.hasViolation ? " open" : "")>"
                + "<summary>\(lines.count == run.output.count ? "" : "last \(lines.count) of ")\(run.output.count) "
                + "line\(run.output.count == 1 ? "" : "s")</summary>"
                + "<pre>\(HTMLText.escape(lines.joined(separator: "\n")))</pre></details></section>\n"
        }
        body += "</main>"
        return HTMLPage.document(title: "verify-exporter report", body: body)
    }

    static func findingAnchor(_ index: Int) -> String { "finding-\(index + 1)" }

    static func exportAnchor(_ id: Int) -> String { "export-\(id)" }

    private static func requestLink(_ id: Int?, exports: [ExportRecord]) -> String {
        guard let id else { return "<span class=\"muted\">—</span>" }
        guard exports.contains(where: { $0.id == id }) else { return "#\(id)" }
        return "<a href=\"#\(exportAnchor(id))\">#\(id)</a>"
    }

    private static func failures(_ violations: [HarnessFinding], exports: [ExportRecord]) -> String {
        guard !violations.isEmpty else {
            return
                "<section id=\"failures\" class=\"card none\"><h2>Violations</h2><p class=\"muted\">None: the exporter did "
                + "what its configuration says.</p></section>\n"
        }
        var out = "<section id=\"failures\" class=\"card\"><h2>Violations (\(violations.count))</h2><ol>\n"
        for (index, finding) in violations.enumerated() {
            out +=
                "<li class=\"failure\"><a href=\"#\(findingAnchor(index))\"><code>\(HTMLText.escape(finding.ruleId))</code></a>"
                + "\(finding.requestId.map { " · request " + requestLink($0, exports: exports) } ?? "")"
                + "<span class=\"summary\">\(HTMLText.escape(finding.message))</span></li>\n"
        }
        return out + "</ol></section>\n"
    }

    private static func configuration(_ run: ExporterVerification) -> String {
        let exit = (run.exitStatus.map { "exit \($0)" } ?? "no exit status") + (run.killed ? ", killed" : "")
        var rows = [
            ("command", run.command.joined(separator: " ")), ("OTEL_EXPORTER_OTLP_PROTOCOL", run.exportProtocol),
            ("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", String(run.batchSize)),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "\(run.timeoutMs) (ms)"),
        ]
        // Header names only: their values are often credentials.
        if !run.headers.isEmpty {
            rows.append(("OTEL_EXPORTER_OTLP_HEADERS", run.headers.map(\.name).joined(separator: ", ")))
        }
        if let compression = run.compression { rows.append(("OTEL_EXPORTER_OTLP_COMPRESSION", compression)) }
        rows.append(
            ("tolerances", "grpc-timeout ± \(run.toleranceMs) ms, stalled export ± \(run.timeoutToleranceMs) ms")
        )
        rows.append(("command ended", exit))
        return "<section class=\"card\"><h2>Configuration</h2><table class=\"kv\">"
            + rows.map { "<tr><th>\(HTMLText.escape($0.0))</th><td><code>\(HTMLText.escape($0.1))</code></td></tr>" }
            .joined()
            + "</table></section>\n"
    }

    /// Each probe: ran (passed, warning, failed) or not run, with what it saw or why not.
    private static func probes(_ probes: [ProbeReport]) -> String {
        guard !probes.isEmpty else { return "" }
        var out = "<section class=\"card\"><h2>Probes</h2><table class=\"grid probes\"><thead><tr><th>outcome</th>"
        out += "<th>probe</th><th>detail</th><th>rules</th></tr></thead><tbody>\n"
        for probe in probes {
            let pill: String
            switch probe.outcome {
            case .passed: pill = "<span class=\"pill pass\">passed</span>"
            case .warning: pill = "<span class=\"pill na\">warning</span>"
            case .failed: pill = "<span class=\"pill fail\">failed</span>"
            case .notRun: pill = "<span class=\"pill off\">not run</span>"
            }
            out += "<tr class=\"probe\"><td>\(pill)</td><td><code>\(HTMLText.escape(probe.name))</code></td>"
            out += "<td>\(HTMLText.escape(probe.detail))</td>"
            out +=
                "<td>\(probe.ruleIds.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: " "))</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    private static func findingsTable(_ findings: [HarnessFinding], exports: [ExportRecord]) -> String {
        var out = "<section class=\"card\"><h2>Findings</h2>"
        guard !findings.isEmpty else { return out + "<p class=\"muted\">No finding.</p></section>\n" }
        out +=
            "<table class=\"grid findings\"><thead><tr><th>severity</th><th>rule</th><th>message</th><th>evidence</th>"
            + "<th>request</th></tr></thead><tbody>\n"
        for (index, finding) in findings.enumerated() {
            let pill =
                finding.isViolation
                ? "<span class=\"pill fail\">violation</span>"
                : "<span class=\"pill na\">\(HTMLText.escape(finding.severity))</span>"
            out +=
                "<tr class=\"finding\" id=\"\(finding.isViolation ? findingAnchor(index) : "warning-\(index + 1)")\">"
                + "<td>\(pill)</td><td><code>\(HTMLText.escape(finding.ruleId))</code></td>"
                + "<td>\(HTMLText.escape(finding.message))</td><td><code>\(HTMLText.escape(finding.evidence))</code></td>"
                + "<td>\(requestLink(finding.requestId, exports: exports))</td></tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    private static func timeline(_ exports: [ExportRecord], run: ExporterVerification, findings: [HarnessFinding])
        -> String
    {
        var out = "<section class=\"card\"><h2>Exports</h2>"
        guard !exports.isEmpty else { return out + "<p class=\"muted\">No export request arrived.</p></section>\n" }
        let flagged = Set(findings.compactMap(\.requestId))
        let largest = max(exports.map(\.spanCount).max() ?? 0, run.batchSize, 1)
        let timed = exports.allSatisfy { $0.startMs != nil }
        let span = max(exports.map { ($0.startMs ?? 0) + ($0.durationMs ?? 0) }.max() ?? 0, 1)
        out +=
            "<p class=\"muted\">\(exports.count) request\(exports.count == 1 ? "" : "s") in arrival order; the black mark is "
            + "the configured batch size (\(run.batchSize))\(timed ? "; the time bars share one axis of \(HTMLText.duration(ms: span))" : "").</p>"
        out +=
            "<table class=\"grid exports\"><thead><tr><th>request</th><th class=\"num\">batch size</th><th></th>"
            + "<th class=\"num\">grpc-timeout</th><th class=\"num\">duration</th><th>answer</th>\(timed ? "<th>time</th>" : "")"
            + "</tr></thead><tbody>\n"
        let limit = HTMLWaterfall.percent(Double(run.batchSize) / Double(largest))
        for (position, export) in exports.enumerated() {
            let isFlagged = export.id.map(flagged.contains) ?? false
            let anchor = export.id.map { " id=\"\(exportAnchor($0))\"" } ?? ""
            out += "<tr class=\"export\(isFlagged ? " flagged" : "")\"\(anchor)>"
            out +=
                "<td>\(export.id.map { "#\($0)" } ?? "\(position + 1).")</td><td class=\"num\">\(export.spanCount)</td>"
            out +=
                "<td><div class=\"size-track\"><div class=\"size-bar\(export.spanCount > run.batchSize ? " over" : "")\" "
                + "style=\"width:\(HTMLWaterfall.percent(Double(export.spanCount) / Double(largest)))\"></div>"
                + "<div class=\"limit\" style=\"left:\(limit)\"></div></div></td>"
            out += "<td class=\"num\">\(export.grpcTimeoutMs.map { HTMLText.duration(ms: $0) } ?? "—")</td>"
            out += "<td class=\"num\">\(export.durationMs.map { HTMLText.duration(ms: $0) } ?? "—")</td>"
            out += "<td>\(HTMLText.escape([export.status, export.end].compactMap { $0 }.joined(separator: " · ")))</td>"
            if timed {
                let left = (export.startMs ?? 0) / span
                let width = max((export.durationMs ?? 0) / span, 0.004)
                out +=
                    "<td style=\"min-width:260px\"><div class=\"track\"><span class=\"export-bar svc-0\" style=\"left:"
                    + "\(HTMLWaterfall.percent(min(left, 1 - width)));width:\(HTMLWaterfall.percent(width))\" title=\"+"
                    + "\(HTMLText.duration(ms: export.startMs ?? 0))\"></span></div></td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }
}
