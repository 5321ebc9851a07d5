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
        var settings: [String] = []
        if !run.headers.isEmpty {
            // Names only: header values are often credentials.
            settings.append("OTEL_EXPORTER_OTLP_HEADERS with \(run.headers.map(\.name).joined(separator: ", "))")
        }
        if let compression = run.compression { settings.append("OTEL_EXPORTER_OTLP_COMPRESSION=\(compression)") }
        if !settings.isEmpty { out.append("  also: \(settings.joined(separator: ", "))") }
        out.append("  command exit: \(run.exitStatus.map(String.init) ?? "?")\(run.killed ? " (killed)" : "")")
        out.append(
            "  export requests: \(run.requestCount), spans exported \(run.spansExported), read back \(run.spansQueried)")
        if !run.batchSizes.isEmpty {
            out.append("  batch sizes: \(run.batchSizes.map(String.init).joined(separator: ", "))")
        }
        if !run.grpcTimeoutsMs.isEmpty {
            let shown = Set(run.grpcTimeoutsMs.map { String(format: "%.1f", $0) }).sorted()
            out.append("  grpc-timeout sent (ms): \(shown.joined(separator: ", "))")
        }
        if !run.probes.isEmpty {
            out.append("  probes:")
            for probe in run.probes {
                let tag: String
                switch probe.outcome {
                case .passed: tag = paint("passed ", "32")
                case .warning: tag = paint("warning", "33")
                case .failed: tag = paint("failed ", "31")
                case .notRun: tag = "not run"
                }
                out.append("    [\(tag)] \(probe.name): \(probe.detail)")
            }
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
