/// The propagation headers seen between hops are exactly the configured format, well formed.
/// cello-telemetry.md sections 2 (formats) and 7.
enum PropagationCheck {
    static let formats: [PropagationFormat] = [.w3c, .b3, .b3multi, .jaeger]

    static func evaluate(_ expectation: PropagationExpectation, _ observed: Observations) -> ExpectationResult {
        let hops = observed.hops
        guard !hops.isEmpty else {
            return ExpectationResult(
                id: "propagation", status: .failed, summary: "no request between hops was recorded by the proxies")
        }
        var failures: [String] = []
        var seen: Set<String> = []
        for hop in hops {
            for problem in problems(hop, expectation.format) where seen.insert("\(hop.target) \(problem)").inserted {
                failures.append("request to \(hop.target) \(hop.path): \(problem)")
            }
        }
        let sample = hops[0]
        let shown = sample.headers.filter { header in formats.contains { $0.contextHeaders.contains(header.name) } || header.name.hasPrefix("x-b3-") || ["tracestate", "baggage"].contains(header.name) || header.name.hasPrefix("uberctx-") }
        return .check(
            "propagation", failures: failures,
            passed: "\(hops.count) requests between hops carried \(expectation.format) headers only",
            evidence: ["to \(sample.target): " + shown.map { "\($0.name): \($0.value)" }.joined(separator: "; ")])
    }

    static func problems(_ hop: RecordedHop, _ format: PropagationFormat) -> [String] {
        var problems: [String] = []
        for name in format.contextHeaders {
            let values = hop.values(name)
            if values.isEmpty {
                problems.append("missing \(name) header")
            } else if values.count > 1 {
                problems.append("\(values.count) \(name) headers")
            } else if let complaint = malformed(name, values[0]) {
                problems.append(complaint)
            }
        }
        for other in formats where other != format {
            for name in other.contextHeaders where !format.contextHeaders.contains(name) && !hop.values(name).isEmpty {
                problems.append("unexpected \(name) header ('\(hop.values(name)[0])'), \(other) is not configured")
            }
        }
        return problems
    }

    static func malformed(_ name: String, _ value: String) -> String? {
        let hex = Set("0123456789abcdef")
        func isHex(_ text: Substring, _ lengths: ClosedRange<Int>) -> Bool {
            lengths.contains(text.count) && text.allSatisfy(hex.contains)
        }
        switch name {
        case "traceparent":
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 4, isHex(parts[0], 2...2), isHex(parts[1], 32...32), isHex(parts[2], 16...16),
                isHex(parts[3], 2...2), parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" })
            else { return "malformed traceparent '\(value)'" }
        case "b3":
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 1, ["0", "1", "d"].contains(value) { return nil }
            guard parts.count >= 2, parts.count <= 4, [16, 32].contains(parts[0].count), isHex(parts[0], 16...32),
                isHex(parts[1], 16...16), parts.count < 3 || ["0", "1", "d"].contains(parts[2]),
                parts.count < 4 || isHex(parts[3], 16...16)
            else { return "malformed b3 '\(value)'" }
        case "uber-trace-id":
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 4, isHex(parts[0], 1...32), isHex(parts[1], 1...16), isHex(parts[2], 1...16),
                isHex(parts[3], 1...2)
            else { return "malformed uber-trace-id '\(value)'" }
        case "x-b3-traceid":
            guard isHex(Substring(value), 16...32) else { return "malformed x-b3-traceid '\(value)'" }
        case "x-b3-spanid":
            guard isHex(Substring(value), 16...16) else { return "malformed x-b3-spanid '\(value)'" }
        default:
            break
        }
        return nil
    }
}
