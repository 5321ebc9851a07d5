import Foundation

/// Sampling: over N root requests the kept fraction lies in the binomial 99.9% interval of the rate, and every hop
/// of a trace made the same decision (a trace is recorded by all hops or by none). cello-telemetry.md sections 2, 7.
enum SamplingCheck {
    static func evaluate(_ expectation: SamplingExpectation, _ observed: Observations) -> ExpectationResult {
        let trials = observed.traffic.outcomes.count
        let kept = Set(observed.roots.map(\.traceID)).count
        let interval = Binomial.interval(trials: trials, rate: expectation.rate)
        var failures: [String] = []
        if !interval.contains(Double(kept)) {
            failures.append(
                "kept \(kept) of \(trials) roots (\(percent(kept, trials))), outside the 99.9% interval "
                    + "\(Int(interval.lowerBound.rounded(.up)))...\(Int(interval.upperBound.rounded(.down))) for rate \(expectation.rate)")
        }
        let hops = observed.reachableServices
        var disagreements = 0
        for (traceID, spans) in observed.traces.sorted(by: { $0.key < $1.key }) {
            let present = Set(spans.map(\.service))
            let missing = hops.filter { !present.contains($0) }
            guard !missing.isEmpty else { continue }
            disagreements += 1
            if disagreements <= 5 {
                let recorded = hops.filter(present.contains).joined(separator: ", ")
                failures.append(
                    "trace \(traceID) was recorded by \(recorded) but not by \(missing.joined(separator: ", ")): "
                        + "the hops disagree on the sampled flag (a hop ignores the sampled flag of its parent)")
            }
        }
        if disagreements > 5 { failures.append("\(disagreements) traces in all where the hops disagree") }
        return .check(
            "sampling", failures: failures,
            passed: "kept \(kept) of \(trials) roots (\(percent(kept, trials))) for rate \(expectation.rate); every hop agreed",
            evidence: [
                "99.9% interval \(String(format: "%.1f", interval.lowerBound))...\(String(format: "%.1f", interval.upperBound))",
                "\(observed.traces.count) traces received across \(hops.joined(separator: ", "))",
            ])
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }
}
