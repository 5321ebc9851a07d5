import ConformanceKit
import Testing

/// Expectations that do not hold for our own services must fail, on the right expectation: the runner is not a
/// yes-man even when every service is healthy.
@Suite("Runner rejects what does not hold", .serialized)
struct RunnerNegativeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var file: String
        var expectation: String
        var change: @Sendable (inout Expectations) -> Void
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "b3 expected on a W3C chain", file: "chain-w3c.yaml", expectation: "propagation") {
            $0.propagation = PropagationExpectation(format: .b3)
        },
        Case(label: "shutdown flush expected where batches leave early", file: "batch-16.yaml", expectation: "shutdownFlush") {
            $0.shutdownFlush = ShutdownFlushExpectation()
        },
        Case(label: "one span per request too many", file: "export-grpc.yaml", expectation: "noLoss") {
            $0.noLoss = NoLossExpectation(spansPerRequest: 4)
        },
        Case(label: "a fixed attribute value that differs", file: "chain-w3c.yaml", expectation: "attributes[A client]") {
            $0.attributes = [
                AttributeExpectation(
                    span: SpanSelector(service: "A", kind: 3), exact: false,
                    attributes: ["http.request.method": AttributeRule(type: "string", value: "POST")])
            ]
        },
    ]

    @Test("a wrong expectation fails on that expectation", arguments: cases)
    func wrongExpectationFails(_ testCase: Case) async throws {
        var scenario = try ScenarioLoader.load(file: TestSupport.scenarioFolder + "/" + testCase.file)
        testCase.change(&scenario.expectations)
        let result = await ScenarioRunner().run(scenario)
        #expect(result.error == nil)
        #expect(result.failures.map(\.id) == [testCase.expectation], "\(TextReporter(colour: false).render([result]))")
    }
}
