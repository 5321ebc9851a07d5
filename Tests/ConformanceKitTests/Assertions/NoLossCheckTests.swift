import Testing

@testable import ConformanceKit

@Suite("NoLossCheck")
struct NoLossCheckTests {
    static let fivePerRequest = NoLossExpectation(spansPerRequest: 5)

    static func sampled() -> Observations {
        Fixture.run(Fixture.scenario(Fixture.chain().configuring("A") { $0.samplingRate = 0.5 }, count: 200))
    }

    @Test("a clean A -> B -> C run passes: requests x 5 spans arrived")
    func cleanPasses() {
        let result = NoLossCheck.evaluate(Self.fivePerRequest, Fixture.run(Fixture.scenario()))
        expectPassed(result, "noLoss")
        #expect(result.summary.contains("all 20 spans"))
    }

    @Test("a lost span fails with the count")
    func lostSpan() {
        var observed = Fixture.run(Fixture.scenario())
        observed.spans.removeLast()
        expectFailed(
            NoLossCheck.evaluate(Self.fivePerRequest, observed),
            "noLoss",
            ["lost 1 of 20 spans (received 19)"]
        )
    }

    @Test("an extra span fails")
    func extraSpan() {
        var observed = Fixture.run(Fixture.scenario())
        let trace = observed.spans[0].traceID
        observed.spans.append(Fixture.span(trace: trace, id: "ee00ee00ee00ee00", parent: nil, kind: 1, service: "C"))
        expectFailed(NoLossCheck.evaluate(Self.fivePerRequest, observed), "noLoss", ["received 21 spans, expected 20"])
    }

    @Test("in a sampled scenario only the kept traces are owed, each complete")
    func sampledKeptTracesPass() {
        let observed = Self.sampled()
        #expect(observed.keptTraces.count == 100)
        let result = NoLossCheck.evaluate(Self.fivePerRequest, observed)
        expectPassed(result, "noLoss")
        #expect(result.summary.contains("all 500 spans"))
    }

    @Test("in a sampled scenario a kept trace missing a span fails, naming the trace")
    func sampledIncompleteTrace() throws {
        var observed = Self.sampled()
        let trace = try #require(observed.keptTraceIDs.first)
        observed.spans.removeAll { $0.traceID == trace && $0.service == "C" }
        let result = NoLossCheck.evaluate(Self.fivePerRequest, observed)
        expectFailed(result, "noLoss", ["lost 1 of 500 spans"])
        #expect(result.says("kept trace \(trace) is incomplete: 4 of 5 spans"))
    }

    @Test("in a sampled scenario a kept trace whose entry spans were all lost is still owed")
    func sampledTraceLostAtEntry() throws {
        var observed = Self.sampled()
        let trace = try #require(observed.keptTraceIDs.first)
        observed.spans.removeAll { $0.traceID == trace && $0.service == "A" }
        let result = NoLossCheck.evaluate(Self.fivePerRequest, observed)
        expectFailed(result, "noLoss", ["lost 2 of 500 spans (received 498)"])
        #expect(result.says("kept trace \(trace) is incomplete: 3 of 5 spans"))
    }

    @Test("in a sampled scenario the entry losing every span fails")
    func sampledEntryLostEverything() {
        var observed = Self.sampled()
        observed.spans.removeAll { $0.service == "A" }
        expectFailed(NoLossCheck.evaluate(Self.fivePerRequest, observed), "noLoss", ["lost 200 of 500 spans"])
    }

    @Test("duplicate-span findings fail even when the count is right")
    func duplicateFindings() {
        var observed = Fixture.run(Fixture.scenario())
        observed.findings = [
            HarnessFinding(
                ruleId: "span.duplicate-id",
                severity: "violation",
                message: "span exported twice",
                evidence: ""
            )
        ]
        expectFailed(NoLossCheck.evaluate(Self.fivePerRequest, observed), "noLoss", ["1 duplicate-span findings"])
    }

    @Test("behind a collector hop, forwarded spans over the distinct count fail")
    func hopForwardsTwice() {
        var observed = Fixture.run(Fixture.scenario())
        observed.collectorHop = .rotel
        expectPassed(NoLossCheck.evaluate(Self.fivePerRequest, observed), "noLoss")
        observed.editRequests(of: "B") { $0.spanCount *= 2 }
        expectFailed(
            NoLossCheck.evaluate(Self.fivePerRequest, observed),
            "noLoss",
            ["rotel forwarded 28 spans for 20 distinct ones"]
        )
    }
}
