/// `--report junit`: one testsuite, one testcase per scenario; failed expectations become `<failure>` with the
/// evidence; a scenario is `<skipped>` only when no rule applied; the services' output goes to `<system-out>`.
public enum JUnitReporter {
    public static func render(_ results: [ScenarioResult]) -> String {
        let failures = results.filter { !$0.passed }.count
        let time = results.map(\.durationSeconds).reduce(0, +)
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        out.append(
            "<testsuites tests=\"\(results.count)\" failures=\"\(failures)\" time=\"\(format(time))\">")
        out.append(
            "  <testsuite name=\"conformance\" tests=\"\(results.count)\" failures=\"\(failures)\" time=\"\(format(time))\">")
        for result in results {
            out.append(
                "    <testcase classname=\"conformance\" name=\"\(escape(result.name))\" file=\"\(escape(result.file))\" time=\"\(format(result.durationSeconds))\">")
            if let error = result.error {
                out.append("      <error message=\"\(escape(error))\"/>")
            }
            for expectation in result.expectations where expectation.status == .failed {
                out.append("      <failure message=\"\(escape("\(expectation.id): \(expectation.summary)"))\">")
                out.append(escape(expectation.evidence.joined(separator: "\n")))
                out.append("      </failure>")
            }
            // Skipped only when nothing in the scenario was judged; not-applicable rules are listed in the output.
            let judged = result.expectations.filter { $0.status == .passed || $0.status == .failed }
            if judged.isEmpty, result.error == nil, !result.expectations.isEmpty {
                out.append("      <skipped message=\"no rule applied to this run\"/>")
            }
            let lines = result.expectations.map { "\($0.status.rawValue) \($0.id): \($0.summary)" }
                + result.services.flatMap { service in service.output.suffix(50).map { "\(service.name) \($0)" } }
            out.append("      <system-out>\(escape(lines.joined(separator: "\n")))</system-out>")
            out.append("    </testcase>")
        }
        out.append("  </testsuite>")
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }

    static func format(_ seconds: Double) -> String { ExportTimeoutCheck.format(seconds) }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 forbids most control characters (ANSI colour codes in service output, ...).
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { out += "?" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
