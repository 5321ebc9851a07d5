import Foundation

/// Renders a verify-exporter run for people (text) or machines (JSON).
public enum VerificationReporter {
    public static func text(_ run: ExporterVerification, colour: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out: [String] = []
        out.append("verify-exporter: \(run.command.joined(separator: " "))")
        out.append(
            "  configuration: protocol \(run.exportProtocol), OTEL_BSP_MAX_EXPORT_BATCH_SIZE=\(run.batchSize), "
                + "OTEL_EXPORTER_OTLP_TIMEOUT=\(run.timeoutMs) (ms)")
        out.append("  command exit: \(run.exitStatus.map(String.init) ?? "?")\(run.killed ? " (killed)" : "")")
        out.append(
            "  export requests: \(run.requestCount), spans exported \(run.spansExported), read back \(run.spansQueried)")
        if !run.batchSizes.isEmpty {
            out.append("  batch sizes: \(run.batchSizes.map(String.init).joined(separator: ", "))")
        }
        if !run.grpcTimeoutsMs.isEmpty {
            let shown = Set(run.grpcTimeoutsMs.map { ExportTimeoutCheck.format($0) }).sorted()
            out.append("  grpc-timeout sent (ms): \(shown.joined(separator: ", "))")
        }
        let sorted = run.findings.sorted { ($0.isViolation ? 0 : 1, $0.ruleId) < ($1.isViolation ? 0 : 1, $1.ruleId) }
        if sorted.isEmpty { out.append(paint("  no findings", "32")) }
        for finding in sorted {
            let tag = finding.isViolation ? paint("violation", "31") : paint("warning", "33")
            out.append("  [\(tag)] \(finding.ruleId): \(finding.message)")
            if !finding.evidence.isEmpty { out.append("      evidence: \(finding.evidence)") }
        }
        if run.hasViolation, !run.output.isEmpty {
            out.append("  command output (last lines):")
            out += run.output.suffix(15).map { "    \($0)" }
        }
        out.append(run.hasViolation ? paint("RESULT: violations found", "31") : paint("RESULT: clean", "32"))
        return out.joined(separator: "\n") + "\n"
    }

    public static func json(_ run: ExporterVerification) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(run)) ?? Data(), as: UTF8.self) + "\n"
    }
}
