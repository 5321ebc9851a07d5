import ConformanceKit
import Testing

/// The runner catches broken services: each deliberate defect of the Python peer (CELLO_PEER_DEFECT) makes the
/// matching scenario fail, on the matching expectation, with a message naming the defect.
@Suite("Python peer defects are caught", .serialized, .enabled(if: TestSupport.pythonEnabled, TestSupport.pythonSkipReason))
struct PeerDefectTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var defect: String
        var scenario: String
        var expectation: String
        var phrase: String
        var testDescription: String { defect }
    }

    static let cases: [Case] = [
        Case(defect: "drop-parent", scenario: "mixed-ours-python-ours-w3c.yaml", expectation: "sharedTrace", phrase: "dropped parent"),
        Case(defect: "new-trace-id", scenario: "mixed-ours-python-ours-b3.yaml", expectation: "sharedTrace", phrase: "new trace id"),
        Case(
            defect: "ignore-sampled", scenario: "sampling-python-hop.yaml", expectation: "sampling",
            phrase: "ignores the sampled flag"),
        Case(defect: "oversize-batches", scenario: "batch-16-python.yaml", expectation: "batching", phrase: "oversize batches"),
        Case(
            defect: "ignore-timeout", scenario: "export-timeout-python.yaml", expectation: "exportTimeout",
            phrase: "ignores exportTimeoutMs"),
    ]

    @Test("the defect fails the matching scenario with a message naming it", arguments: cases)
    func defectIsCaught(_ testCase: Case) async throws {
        let scenario = try ScenarioLoader.load(file: TestSupport.scenarioFolder + "/" + testCase.scenario)
        var options = RunnerOptions()
        options.extraEnvironment = ["CELLO_PEER_DEFECT": testCase.defect]
        options.stopGrace = .seconds(3)
        let result = await ScenarioRunner(options: options).run(scenario)
        let report = TextReporter(colour: false, tracesShown: 0).render([result])
        #expect(result.error == nil, "\(report)")
        #expect(!result.passed, "\(report)")
        let failure = try #require(result.failures.first { $0.id == testCase.expectation }, "\(report)")
        #expect(([failure.summary] + failure.evidence).contains { $0.contains(testCase.phrase) }, "\(report)")
    }

    @Test("the same scenario passes without the defect")
    func controlRunPasses() async throws {
        let scenario = try ScenarioLoader.load(file: TestSupport.scenarioFolder + "/mixed-ours-python-ours-w3c.yaml")
        let result = await ScenarioRunner().run(scenario)
        #expect(result.passed, "\(TextReporter(colour: false).render([result]))")
    }
}
