import ConformanceKit
import FakeCollector
import Testing

/// The Jaeger backend reads spans through api_v3 only; exercised against the fake collector's api_v3 (same shape),
/// so it runs in CI without Jaeger. Wire expectations must come out not applicable, never passed.
@Suite("Jaeger backend", .serialized)
struct JaegerBackendTests {
    @Test("a scenario judged through the Jaeger backend passes and marks wire expectations not applicable")
    func runsThroughAPIv3Only() async throws {
        let scenario = try ScenarioLoader.load(file: TestSupport.scenarioFolder + "/chain-w3c.yaml")
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        let result = try await FakeCollector.withRunning(configuration: configuration) { _, addresses in
            var options = RunnerOptions()
            options.backend = .jaeger(queryURL: "http://\(addresses.query)", otlpEndpoint: "http://\(addresses.grpc)")
            return await ScenarioRunner(options: options).run(scenario)
        }
        let report = TextReporter(colour: false, tracesShown: 0).render([result])
        #expect(result.backend == "jaeger")
        #expect(result.passed, "\(report)")
        let wire = try #require(result.expectations.first { $0.id == "wire" })
        #expect(wire.status == .notApplicable)
        #expect(result.expectations.first { $0.id == "sharedTrace" }?.status == .passed)
        #expect(result.expectations.first { $0.id == "noLoss" }?.status == .passed)
    }
}
