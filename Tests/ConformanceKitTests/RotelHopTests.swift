import ConformanceKit
import Testing

/// `collector: {via: rotel}`: the services export to a real collector (rotel) that forwards to the fake collector.
/// The SDK-wire expectations must come out not applicable there, never passed.
@Suite("Collector hop (rotel)", .serialized)
struct RotelHopTests {
    @Test(
        "through rotel the chain passes, rotel is stopped cleanly, and SDK-wire expectations are not applicable",
        .enabled(if: TestSupport.pythonEnabled, TestSupport.pythonSkipReason))
    func chainThroughRotel() async throws {
        let scenario = try ScenarioLoader.load(file: TestSupport.scenarioFolder + "/rotel-chain-w3c.yaml")
        #expect(scenario.collector.via == .rotel)
        let result = await ScenarioRunner().run(scenario)
        let report = TextReporter(colour: false, tracesShown: 0).render([result])
        #expect(result.passed, "\(report)")
        #expect(result.backend == "fake-collector via rotel")
        for id in ["wire", "batching"] {
            let expectation = try #require(result.expectations.first { $0.id == id }, "\(report)")
            #expect(expectation.status == .notApplicable)
            #expect(expectation.summary.contains("rotel"))
        }
        #expect(result.expectations.first { $0.id == "noLoss" }?.status == .passed, "\(report)")
        let rotel = try #require(result.services.first { $0.name == "rotel" })
        #expect(rotel.exitStatus == 0 && !rotel.killed, "\(rotel.output.suffix(5))")
        #expect(rotel.commandLine.contains("--otlp-exporter-endpoint"))
    }
}
