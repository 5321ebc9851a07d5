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
        // Caught by the judge's defaults: the scenarios only configure the services.
        Case(defect: "drop-tracestate", scenario: "tracestate-baggage-python.yaml", expectation: "propagation", phrase: "tracestate not forwarded"),
        Case(defect: "drop-baggage", scenario: "tracestate-baggage-python.yaml", expectation: "propagation", phrase: "baggage not forwarded"),
        Case(defect: "uppercase-traceparent", scenario: "tracestate-baggage-python.yaml", expectation: "propagation", phrase: "not lower-case hex"),
        Case(defect: "wrong-parent-header", scenario: "tracestate-baggage-python.yaml", expectation: "propagation", phrase: "SERVER span"),
        Case(defect: "b3-no-sampling", scenario: "mixed-ours-python-ours-b3.yaml", expectation: "propagation", phrase: "no sampling state"),
        Case(
            defect: "ignore-headers", scenario: "tracestate-baggage-python.yaml", expectation: "export.headers",
            phrase: "OTEL_EXPORTER_OTLP_HEADERS ignored"),
        Case(
            defect: "ignore-compression", scenario: "tracestate-baggage-python.yaml", expectation: "export.compression",
            phrase: "OTEL_EXPORTER_OTLP_COMPRESSION ignored"),
        Case(defect: "wrong-kind", scenario: "tracestate-baggage-python.yaml", expectation: "spanKinds", phrase: "is INTERNAL, expected CLIENT"),
        Case(defect: "wrong-service-name", scenario: "tracestate-baggage-python.yaml", expectation: "resource", phrase: "'B-x'"),
        Case(defect: "duplicate-export", scenario: "tracestate-baggage-python.yaml", expectation: "exportOnce", phrase: "B exported spans more than once"),
        Case(defect: "no-shutdown-flush", scenario: "shutdown-flush-python.yaml", expectation: "shutdownFlush", phrase: "B sent no export request after SIGTERM"),
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

    @Test(
        "the same scenarios pass without the defect",
        arguments: ["mixed-ours-python-ours-w3c.yaml", "tracestate-baggage-python.yaml", "shutdown-flush-python.yaml"])
    func controlRunPasses(_ file: String) async throws {
        let scenario = try ScenarioLoader.load(file: TestSupport.scenarioFolder + "/" + file)
        let result = await ScenarioRunner().run(scenario)
        #expect(result.passed, "\(TextReporter(colour: false).render([result]))")
    }
}
