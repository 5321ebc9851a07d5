import Testing

@testable import ConformanceKit

@Suite("ExpectationEvaluator")
struct ExpectationEvaluatorTests {
    @Test("a clean A -> B -> C run passes every default rule and fails none")
    func cleanChainPasses() {
        let results = ExpectationEvaluator.evaluate(Fixture.run(Fixture.scenario()))
        let failed = results.filter { $0.status == .failed }
        #expect(failed.isEmpty, "\(failed.map { "\($0.id): \($0.summary)" })")
        let passed = Set(results.filter { $0.status == .passed }.map(\.id))
        #expect(
            passed.isSuperset(of: [
                "requests", "sharedTrace", "spanKinds", "propagation", "sampling", "export.protocol", "exportOnce",
                "resource", "wire", "shutdown",
            ])
        )
    }

    @Test("a clean fan-out run passes every default rule and fails none")
    func cleanFanOutPasses() {
        let results = ExpectationEvaluator.evaluate(Fixture.run(Fixture.scenario(Fixture.fanOut())))
        #expect(results.filter { $0.status == .failed }.isEmpty)
    }

    @Test("results come in report order: requests first, shutdown last")
    func reportOrder() {
        let ids = ExpectationEvaluator.evaluate(Fixture.run(Fixture.scenario())).map(\.id)
        #expect(ids.first == "requests")
        #expect(ids.last == "shutdown")
        #expect(ids.firstIndex(of: "propagation")! < ids.firstIndex(of: "exportOnce")!)
    }

    @Test("off: true turns a rule off with its reason, even over a defect", arguments: ExpectationEvaluator.ruleIDs)
    func offTurnsRuleOff(_ rule: String) throws {
        var scenario = Fixture.scenario()
        scenario.expectations.off[rule] = RuleSwitch(reason: "the peer cannot do \(rule)")
        var observed = Fixture.run(scenario)
        observed.editHops(from: "B") { $0.remove("traceparent") }
        let results = ExpectationEvaluator.evaluate(observed)
        let result = try #require(results.first { $0.id == rule })
        #expect(result.status == .off)
        #expect(result.summary.contains("the peer cannot do \(rule)"))
        #expect(results.filter { $0.id == rule }.count == 1)
    }

    @Test("without off, the same defect fails its rule")
    func defectFailsWithoutOff() throws {
        var observed = Fixture.run(Fixture.scenario())
        observed.editHops(from: "B") { $0.remove("traceparent") }
        let result = try #require(ExpectationEvaluator.evaluate(observed).first { $0.id == "propagation" })
        #expect(result.status == .failed)
    }

    @Test("off for some services leaves the rule on and skips only those services")
    func offForServicesIsScoped() throws {
        var scenario = Fixture.scenario(Fixture.chain().configuring("B") { $0.batchSize = 2 })
        scenario.expectations.off["batching"] = RuleSwitch(reason: "B's exporter re-batches", services: ["B"])
        var observed = Fixture.run(scenario)
        observed.editRequests(of: "B") { $0.spanCount = 9 }
        let result = try #require(ExpectationEvaluator.evaluate(observed).first { $0.id == "batching" })
        #expect(result.status == .notApplicable)
    }

    @Test("with the collector down, the span rules are not applicable unless stated")
    func collectorDown() throws {
        var scenario = Fixture.scenario()
        scenario.collector.down = true
        var observed = Fixture.run(scenario)
        observed.spans = []
        observed.requests = []
        let results = ExpectationEvaluator.evaluate(observed)
        for id in ["sharedTrace", "spanKinds", "resource", "exportOnce", "wire", "batching"] {
            let result = try #require(results.first { $0.id == id })
            #expect(result.status == .notApplicable, "\(id)")
        }
    }
}
