import Testing

@testable import ConformanceKit

@Suite("SamplingCheck")
struct SamplingCheckTests {
    static let count = 200

    static func scenario(rate: Double) -> Scenario {
        Fixture.scenario(Fixture.chain().configuring("A") { $0.samplingRate = rate }, count: count)
    }

    /// The first trace the rule at `rate` keeps (or drops).
    static func firstTrace(kept: Bool, rate: Double) -> String {
        (0..<count).map { Fixture.traceID($0, of: count) }.first { Fixture.keeps($0, rate: rate) == kept }!
    }

    @Test("the threshold is 2^56 - round(p * 2^56), written as OpenTelemetry writes th")
    func threshold() {
        #expect(SamplingCheck.threshold(1) == 0)
        #expect(SamplingCheck.threshold(0) == 1 << 56)
        #expect(SamplingCheck.threshold(0.5) == 1 << 55)
        #expect(SamplingCheck.threshold(0.25) == 0xc0_0000_0000_0000)
        #expect(SamplingCheck.thresholdText(1 << 55) == "8")
        #expect(SamplingCheck.thresholdText(0xc0_0000_0000_0000) == "c")
        #expect(SamplingCheck.thresholdText(0) == "0")
        #expect(SamplingCheck.randomness("4bf92f3577b34da6a380000000000000") == 1 << 55)
    }

    @Test("the 99.9% binomial interval is mean ± 3.29 sigma, exact at 0 and 1")
    func binomialInterval() {
        let half = Binomial.interval(trials: 200, rate: 0.5)
        #expect(abs(half.lowerBound - (100 - 3.2905 * 50.0.squareRoot())) < 1e-9)
        #expect(abs(half.upperBound - (100 + 3.2905 * 50.0.squareRoot())) < 1e-9)
        #expect(Binomial.interval(trials: 200, rate: 0) == 0...0)
        #expect(Binomial.interval(trials: 200, rate: 1) == 200...200)
    }

    @Test("a clean run where every root decides by R >= T passes", arguments: [0, 0.1, 0.25, 0.5, 0.9, 1])
    func cleanSampledRunPasses(_ rate: Double) {
        let observed = Fixture.run(Self.scenario(rate: rate))
        let expected = (0..<Self.count).filter { Fixture.keeps(Fixture.traceID($0, of: Self.count), rate: rate) }.count
        #expect(observed.roots.count == expected)
        expectPassed(SamplingCheck.evaluate(nil, observed), "sampling")
    }

    @Test("a clean A -> B -> C run without a sampler passes")
    func cleanUnsampledScenarioPasses() {
        expectPassed(SamplingCheck.evaluate(nil, Fixture.run(Fixture.scenario())), "sampling")
    }

    @Test("a root that keeps a trace with R < T fails, naming the trace and the rule")
    func rootKeepsBelowThreshold() {
        let trace = Self.firstTrace(kept: false, rate: 0.5)
        let observed = Fixture.run(Self.scenario(rate: 0.5)) { $0 == trace || Fixture.keeps($0, rate: 0.5) }
        let result = SamplingCheck.evaluate(nil, observed)
        expectFailed(
            result,
            "sampling",
            ["A kept trace \(trace) at rate 0.5", "< T = 80000000000000", "consistent-probability"]
        )
        #expect(result.says("A sent sampled=1 for trace \(trace)", "R >= T says 0"))
    }

    @Test("a root that drops a trace with R >= T fails on the sampled flag it sent")
    func rootDropsAboveThreshold() {
        let trace = Self.firstTrace(kept: true, rate: 0.5)
        let observed = Fixture.run(Self.scenario(rate: 0.5)) { $0 != trace && Fixture.keeps($0, rate: 0.5) }
        expectFailed(
            SamplingCheck.evaluate(nil, observed),
            "sampling",
            ["A sent sampled=0 for trace \(trace) at rate 0.5", "R >= T says 1"]
        )
    }

    @Test("a root keeping the complement fails although the kept fraction is in the interval", arguments: [0.25, 0.5])
    func complementFails(_ rate: Double) {
        let observed = Fixture.run(Self.scenario(rate: rate)) { !Fixture.keeps($0, rate: rate) }
        let result = SamplingCheck.evaluate(nil, observed)
        expectFailed(result, "sampling", ["does not follow the consistent-probability rule"])
        if rate == 0.5 { #expect(!result.says("outside the 99.9% interval")) }
    }

    @Test(
        "kept roots without ot=th:<T> in their tracestate fail",
        arguments: ["", "ot=th:c", "th:8", "vendor=ot=th:8"]
    )
    func missingThreshold(_ traceState: String) {
        var observed = Fixture.run(Self.scenario(rate: 0.5))
        observed.editSpans(where: { $0.parentSpanID == nil }) { $0.traceState = traceState }
        expectFailed(SamplingCheck.evaluate(nil, observed), "sampling", ["kept roots of A do not record ot=th:8"])
    }

    @Test("ot=th among other ot sub-keys and vendor members passes")
    func thresholdAmongOthers() {
        var observed = Fixture.run(Self.scenario(rate: 0.5))
        observed.editSpans(where: { $0.parentSpanID == nil }) { $0.traceState = "vendor=x,ot=rv:abcdef;th:8" }
        expectPassed(SamplingCheck.evaluate(nil, observed), "sampling")
    }

    @Test("a hop below the root recording a trace whose parent sent sampled=0 fails, naming the hop")
    func hopIgnoresUnsampledParent() throws {
        var observed = Fixture.run(Self.scenario(rate: 0.5))
        let trace = Self.firstTrace(kept: false, rate: 0.5)
        let hop = try #require(
            observed.hops.first { $0.source == "A" && CarriedContext.first($0, [.w3c])?.traceID == trace }
        )
        let parent = try #require(CarriedContext.first(hop, [.w3c]))
        #expect(parent.sampled == false)
        observed.spans.append(
            Fixture.span(trace: trace, id: "b0b0b0b0b0b0b0b0", parent: parent.spanID, kind: 2, service: "B")
        )
        let result = SamplingCheck.evaluate(nil, observed)
        expectFailed(
            result,
            "sampling",
            ["B recorded trace \(trace) although A sent sampled=0", "B ignores the sampled flag"]
        )
        #expect(!result.says("C recorded"))
    }

    struct Skew: Sendable, CustomTestStringConvertible {
        var label: String
        var randomness: @Sendable (Int) -> UInt64
        var kept: Int
        var testDescription: String { label }
    }

    @Test(
        "a kept fraction outside the binomial interval fails although every decision follows R >= T",
        arguments: [
            Skew(label: "every trace id high", randomness: { (1 << 56) - 1 - UInt64($0) }, kept: 200),
            Skew(label: "every trace id low", randomness: { UInt64($0) }, kept: 0),
        ]
    )
    func outsideInterval(_ skew: Skew) {
        let traces = (0..<Self.count).map { Fixture.traceID(randomness: skew.randomness($0), high: UInt64($0) + 1) }
        let observed = Fixture.run(Self.scenario(rate: 0.5), traceIDs: traces)
        let result = SamplingCheck.evaluate(nil, observed)
        expectFailed(
            result,
            "sampling",
            ["kept \(skew.kept) of 200 roots", "outside the 99.9% interval", "for rate 0.5"]
        )
        #expect(!result.says("consistent-probability"))
    }

    @Test("without recorded hops, a trace recorded by some hops but not others fails")
    func hopsDisagree() throws {
        var observed = Fixture.run(Fixture.scenario())
        observed.hops.removeAll { $0.source != "traffic" }
        expectPassed(SamplingCheck.evaluate(nil, observed), "sampling")
        let trace = try #require(observed.keptTraceIDs.first)
        observed.spans.removeAll { $0.traceID == trace && $0.service == "C" }
        expectFailed(
            SamplingCheck.evaluate(nil, observed),
            "sampling",
            ["trace \(trace) was recorded by A, B but not by C", "the hops disagree"]
        )
    }
}
