import Foundation

/// Sampling, judged over all roots and per trace. Over N root requests the kept fraction lies in the binomial
/// 99.9% interval of the rate; each root decision follows the consistent-probability rule (R = the trace id's low
/// 56 bits, T = round((1 - p) * 2^56), keep iff R >= T) and a kept root records `ot=th:<T>`; each hop below the root
/// follows the sampled flag its parent sent; and every hop of a trace made the same decision. On by default; the
/// `sampling` expectation sets the rate when the scenario does not configure one at the root.
/// docs/cello-telemetry.md sections 2 and 7.
enum SamplingCheck {
    static func evaluate(_ expectation: SamplingExpectation?, _ observed: Observations) -> ExpectationResult {
        var failures: [String] = []
        var evidence: [String] = []
        let entry = observed.scenario.entryService.name
        let rate = expectation?.rate ?? observed.rootSamplingRate
        let trials = observed.traffic.outcomes.count
        let kept = Set(observed.roots.map(\.traceID)).count
        if let rate, !observed.trafficCarriesContext {
            let interval = Binomial.interval(trials: trials, rate: rate)
            if !interval.contains(Double(kept)) {
                failures.append(
                    "kept \(kept) of \(trials) roots (\(percent(kept, trials))), outside the 99.9% interval "
                        + "\(Int(interval.lowerBound.rounded(.up)))...\(Int(interval.upperBound.rounded(.down))) for rate \(rate)")
            }
            evidence.append(
                "kept \(kept) of \(trials) roots; 99.9% interval \(String(format: "%.1f", interval.lowerBound))..."
                    + "\(String(format: "%.1f", interval.upperBound)) for rate \(rate)")
        }
        if let p = observed.rootSamplingRate {
            failures += rootRule(entry: entry, rate: p, observed)
        }
        failures += followsParent(observed)
        // With the headers between hops recorded, each hop's decision is judged against the flag it received;
        // without them (external services, a real Jaeger) only the spans tell whether the hops agreed.
        if observed.hops.allSatisfy({ $0.source == "traffic" }) { failures += hopsAgree(observed) }
        return .check(
            "sampling", failures: failures,
            passed: "every root decided by the consistent-probability rule, every hop followed its parent"
                + (rate.map { ", kept fraction within the interval of \($0)" } ?? ""),
            evidence: evidence + ["\(observed.traces.count) traces received across \(observed.reachableServices.joined(separator: ", "))"])
    }

    /// The rejection threshold of a rate: 2^56 - round(p * 2^56).
    static func threshold(_ rate: Double) -> UInt64 {
        let clamped = rate.isFinite ? min(max(rate, 0), 1) : 1
        return (1 << 56) - UInt64((clamped * 0x1p56).rounded())
    }

    /// `th` as OpenTelemetry writes it: 14 hex digits with trailing zeros removed, "0" for zero.
    static func thresholdText(_ threshold: UInt64) -> String {
        var digits = String(threshold & ((1 << 56) - 1), radix: 16).leftPad(14)
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        return digits
    }

    static func randomness(_ traceID: String) -> UInt64 {
        UInt64(traceID.suffix(14), radix: 16) ?? 0
    }

    /// Each root decision against R >= T: kept roots, the sampled flag the root sent downstream, and `ot=th`.
    static func rootRule(entry: String, rate: Double, _ observed: Observations) -> [String] {
        let t = threshold(rate)
        let keep = { (trace: String) in t < (1 << 56) && randomness(trace) >= t }
        var failures: [String] = []
        var wrong = 0
        for root in observed.roots where !keep(root.traceID) {
            wrong += 1
            if wrong <= 3 {
                failures.append(
                    "\(entry) kept trace \(root.traceID) at rate \(rate), but R = \(String(randomness(root.traceID), radix: 16)) "
                        + "< T = \(String(t, radix: 16)): the root does not follow the consistent-probability rule")
            }
        }
        for hop in observed.outgoing(entry) {
            guard let sent = CarriedContext.first(hop, observed.formats(of: entry)), let sampled = sent.sampled,
                sampled != keep(sent.traceID)
            else { continue }
            wrong += 1
            if wrong <= 3 {
                failures.append(
                    "\(entry) sent sampled=\(sampled ? 1 : 0) for trace \(sent.traceID) at rate \(rate); R >= T says "
                        + "\(keep(sent.traceID) ? 1 : 0) (the root does not follow the consistent-probability rule)")
            }
        }
        if wrong > 3 { failures.append("\(wrong) root decisions in all break the consistent-probability rule") }
        let th = "th:" + thresholdText(t)
        let unmarked = observed.roots.filter { root in
            !root.traceState.split(separator: ",").contains { member in
                member.hasPrefix("ot=") && member.dropFirst(3).split(separator: ";").contains { $0 == th }
            }
        }
        if let first = unmarked.first {
            failures.append(
                "\(unmarked.count) kept roots of \(entry) do not record ot=\(th) in their tracestate (e.g. trace "
                    + "\(first.traceID) has '\(first.traceState)')")
        }
        return failures
    }

    /// Below the root, each hop's decision is its parent's sampled flag.
    static func followsParent(_ observed: Observations) -> [String] {
        var failures: [String] = []
        var count = 0
        var dropped = 0
        let faulted = observed.faultedServices
        let entry = observed.scenario.entryService.name
        for service in observed.judgedServices {
            // A service that exported nothing at all (or only traces of its own) is a loss or a restarted trace,
            // which other rules name; here only its decisions count.
            let continues = observed.spans.contains { span in
                span.service == service.name && observed.traces[span.traceID]?.contains { $0.service == entry } == true
            }
            for hop in observed.incoming(service.name) {
                guard let context = CarriedContext.first(hop, observed.formats(of: service.name)), let sampled = context.sampled
                else { continue }
                let recorded = observed.spans(of: service.name, in: context.traceID)
                if sampled {
                    guard recorded.isEmpty, continues, !faulted.contains(service.name) else { continue }
                    dropped += 1
                    if dropped <= 3 {
                        failures.append(
                            "\(service.name) recorded nothing for trace \(context.traceID) although \(hop.source) sent sampled=1: "
                                + "\(service.name) dropped a sampled trace (or lost its spans)")
                    }
                    continue
                }
                guard !recorded.isEmpty else { continue }
                count += 1
                if count <= 3 {
                    failures.append(
                        "\(service.name) recorded trace \(context.traceID) although \(hop.source) sent sampled=0: "
                            + "\(service.name) ignores the sampled flag of its parent")
                }
            }
        }
        if count > 3 { failures.append("\(count) unsampled requests in all were recorded") }
        if dropped > 3 { failures.append("\(dropped) sampled requests in all were not recorded") }
        return failures
    }

    /// A trace is recorded by all hops or by none.
    static func hopsAgree(_ observed: Observations) -> [String] {
        let faulted = observed.faultedServices
        let hops = observed.reachableServices.filter { observed.service($0)?.kind != .external && !faulted.contains($0) }
        var failures: [String] = []
        var disagreements = 0
        // A hop whose spans sit in traces of their own started new trace ids: the shared-trace rule reports that.
        let entry = observed.scenario.entryService.name
        let restarted = Set(observed.traces.values.filter { !$0.contains { $0.service == entry } }.flatMap { $0.map(\.service) })
        for (traceID, spans) in observed.traces.sorted(by: { $0.key < $1.key }) {
            let present = Set(spans.map(\.service))
            let missing = hops.filter { !present.contains($0) && !restarted.contains($0) }
            guard !missing.isEmpty, !present.isDisjoint(with: hops) else { continue }
            disagreements += 1
            if disagreements <= 3 {
                let recorded = hops.filter(present.contains).joined(separator: ", ")
                failures.append(
                    "trace \(traceID) was recorded by \(recorded) but not by \(missing.joined(separator: ", ")): "
                        + "the hops disagree on the sampled flag (a hop ignores the sampled flag of its parent)")
            }
        }
        if disagreements > 3 { failures.append("\(disagreements) traces in all where the hops disagree") }
        return failures
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }
}
