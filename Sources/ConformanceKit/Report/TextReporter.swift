/// The report a person reads: per scenario, a few traces as trees, then each expectation passed or failed with
/// its evidence; colour only when writing to a terminal. docs/cello-telemetry.md section 7 (reports).
public struct TextReporter: Sendable {
    public var colour: Bool
    /// Traces drawn per scenario (a sampling scenario has thousands).
    public var tracesShown: Int

    public init(colour: Bool, tracesShown: Int = 2) {
        self.colour = colour
        self.tracesShown = tracesShown
    }

    public func render(_ results: [ScenarioResult]) -> String {
        var out: [String] = []
        for result in results { out += scenario(result) + [""] }
        let passed = results.filter(\.passed).count
        let total = results.map(\.durationSeconds).reduce(0, +)
        let line = "\(passed) of \(results.count) scenarios passed in \(ExportTimeoutCheck.format(total)) s"
        out.append(paint(line, passed == results.count ? .green : .red))
        return out.joined(separator: "\n") + "\n"
    }

    func scenario(_ result: ScenarioResult) -> [String] {
        var out: [String] = []
        let verdict = result.passed ? paint("PASS", .green) : paint("FAIL", .red)
        out.append("\(verdict) \(bold(result.name))  (\(ExportTimeoutCheck.format(result.durationSeconds)) s, \(result.file))")
        if !result.description.isEmpty { out.append("  \(result.description)") }
        out.append("  requests: \(result.requestsSucceeded)/\(result.requestsSent) answered 2xx; backend \(result.backend)")
        if let error = result.error {
            out.append("  " + paint("error: \(error)", .red))
        }
        let traces = Dictionary(grouping: result.spans, by: \.traceID).values
            .sorted { ($0.map(\.startNanos).min() ?? 0) < ($1.map(\.startNanos).min() ?? 0) }
        if !traces.isEmpty {
            out.append("  traces: \(traces.count) (showing \(min(tracesShown, traces.count)))")
            for trace in traces.prefix(tracesShown) {
                out.append("  trace \(trace[0].traceID)")
                out += TraceTree.lines(trace).map { "  " + $0 }
            }
        }
        for expectation in result.expectations {
            let mark: String
            switch expectation.status {
            case .passed: mark = paint("passed", .green)
            case .failed: mark = paint("FAILED", .red)
            case .notApplicable: mark = paint("n/a", .yellow)
            case .off: mark = paint("off", .yellow)
            }
            out.append("  [\(mark)] \(expectation.id): \(expectation.summary)")
            out += expectation.evidence.map { "      \($0)" }
        }
        if !result.passed {
            for service in result.services {
                out.append("  output of \(service.name) (exit \(service.exitStatus.map(String.init) ?? "?")\(service.killed ? ", killed" : "")): \(service.commandLine.joined(separator: " "))")
                out += service.output.suffix(20).map { "    \($0)" }
            }
        }
        return out
    }

    enum Colour: String {
        case red = "31", green = "32", yellow = "33"
    }

    func paint(_ text: String, _ colour: Colour) -> String {
        self.colour ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
