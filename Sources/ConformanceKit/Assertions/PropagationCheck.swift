/// Propagation, judged on every hop and in both directions: each request a service sends carries exactly the
/// formats that service is configured with, well formed; it forwards what it received (trace id, sampled flag,
/// tracestate, baggage, b3 debug, Jaeger flags and `uberctx-` baggage); and the parent id it sends is the CLIENT
/// span it exported. On by default; the `propagation` expectation's `format` overrides the configured formats.
///
/// docs/cello-telemetry.md sections 2 (formats, Level 2 tracestate rules) and 7 (propagation).
enum PropagationCheck {
    static func evaluate(_ expectation: PropagationExpectation?, _ observed: Observations) -> ExpectationResult {
        let senders = observed.judgedServices.filter {
            !$0.downstream.isEmpty && observed.scenario.expectations.switchedOff("propagation", service: $0.name) == nil
        }
        let sent = observed.hops.filter { hop in senders.contains { $0.name == hop.source } }
        guard !senders.isEmpty else {
            return ExpectationResult(
                id: "propagation", status: .notApplicable, summary: "no service of this scenario calls another")
        }
        guard !sent.isEmpty else {
            if observed.traffic.succeeded == 0 { return ExpectationResult(id: "propagation", status: .notApplicable, summary: "no request reached a service that calls another") }
            return ExpectationResult(
                id: "propagation", status: .failed, summary: "no request between hops was recorded by the proxies")
        }
        var failures: [String] = []
        var seen: Set<String> = []
        for hop in sent {
            guard let sender = observed.service(hop.source) else { continue }
            let formats = expectation.map { [$0.format] } ?? sender.settings.propagation
            let problems = HopRules.syntax(hop, formats) + HopRules.forwarding(hop, sender: sender, formats: formats, observed)
            for problem in problems where seen.insert("\(hop.source)>\(hop.target) \(problem.rule)").inserted {
                failures.append("\(hop.source) -> \(hop.target) \(hop.path): \(problem.text)")
            }
        }
        let formatsText = senders.map { sender in
            "\(sender.name): " + (expectation.map { [$0.format] } ?? sender.settings.propagation).map(\.description)
                .joined(separator: "+")
        }
        let sample = sent[0]
        return .check(
            "propagation", failures: failures,
            passed: "\(sent.count) requests between hops carried the configured formats (\(formatsText.joined(separator: ", "))), "
                + "well formed, with everything received forwarded",
            evidence: ["\(sample.source) -> \(sample.target) sent " + sample.contextText])
    }
}
