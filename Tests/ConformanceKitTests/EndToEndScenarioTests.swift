import ConformanceKit
import FakeCollector
import Foundation
import Testing

/// The end-to-end scenarios under Conformance/scenarios/e2e/: they stay loadable, they are not part of the
/// default run, and one of them runs here against demo-services started by the test as `external` services, read
/// through the Jaeger backend from the fake collector's api_v3 (same shape) — the compose path without Docker.
@Suite("End-to-end scenarios", .serialized)
struct EndToEndScenarioTests {
    static func e2eFiles() throws -> [String] {
        try ScenarioDiscovery.files(in: [TestSupport.e2eFolder])
    }

    @Test("every e2e scenario file loads, uses only external services and says what it proves")
    func e2eFilesLoad() throws {
        let files = try Self.e2eFiles()
        #expect(!files.isEmpty)
        for file in files {
            let scenario = try ScenarioLoader.load(file: file)
            #expect(scenario.services.allSatisfy { $0.kind == .external && $0.url?.hasPrefix("${CELLO_E2E_") == true }, "\(file)")
            #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("# Proves: "), "\(file)")
        }
    }

    @Test("the default scenario folder does not pick up the e2e folder (it needs the compose stack)")
    func defaultRunExcludesE2E() throws {
        let files = try ScenarioDiscovery.files(in: [TestSupport.scenarioFolder])
        #expect(!files.isEmpty)
        #expect(!files.contains { $0.contains("/e2e/") })
    }

    @Test("an e2e scenario passes against running services as external, read through the Jaeger backend")
    func e2eAgainstExternalServices() async throws {
        let scenario = try ScenarioLoader.load(file: TestSupport.e2eFolder + "/chain-a-b-c.yaml")
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        let result = try await FakeCollector.withRunning(configuration: configuration) { _, addresses in
            let services = ExternalServices()
            do {
                let urls = try await services.startChain(otlpEndpoint: "http://\(addresses.grpc)")
                var options = RunnerOptions()
                options.backend = .jaeger(queryURL: "http://\(addresses.query)", otlpEndpoint: "http://unused:4317")
                options.collectorHealthURL = "http://\(addresses.query)/harness/stats"
                options.environment = [
                    "CELLO_E2E_A_URL": urls[0], "CELLO_E2E_B_URL": urls[1], "CELLO_E2E_C_URL": urls[2],
                ]
                let result = await ScenarioRunner(options: options).run(scenario)
                let running = services.allRunning
                await services.stopAll()
                #expect(running, "the runner must not stop external services")
                return result
            } catch {
                await services.stopAll()
                throw error
            }
        }
        let report = TextReporter(colour: false, tracesShown: 1).render([result])
        #expect(result.backend == "jaeger")
        #expect(result.passed, "\(report)")
        #expect(result.expectations.first { $0.id == "sharedTrace" }?.status == .passed, "\(report)")
        #expect(result.expectations.first { $0.id == "noLoss" }?.status == .passed, "\(report)")
        #expect(result.expectations.first { $0.id == "wire" }?.status == .notApplicable)
        #expect(result.services.map(\.kind) == ["external", "external", "external"])
        #expect(result.services.allSatisfy { $0.exitStatus == nil && $0.commandLine.isEmpty })
    }

    @Test("an external service that never answers /health fails the scenario with a not-ready message")
    func externalNotReady() async throws {
        let scenario = try ScenarioLoader.parse(
            """
            name: unreachable
            services:
              - name: a
                kind: external
                url: ${CELLO_TEST_URL}
            traffic: {count: 1}
            """, file: "unreachable.yaml")
        var options = RunnerOptions()
        options.readyLimit = .milliseconds(600)
        options.environment = ["CELLO_TEST_URL": "http://127.0.0.1:\(FreePort.closedLoopbackPort())"]
        options.backend = .jaeger(queryURL: "http://127.0.0.1:1", otlpEndpoint: "http://127.0.0.1:1")
        options.stackReadyLimit = .milliseconds(300)
        // The query API is not reachable either: the stack probe fails first, naming Jaeger's api_v3.
        let stackDown = await ScenarioRunner(options: options).run(scenario)
        #expect(stackDown.error?.contains("Jaeger's api_v3") == true, "\(stackDown.error ?? "no error")")

        options.backend = .fakeCollector
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ScenarioRunner(options: options).run(scenario)
        let elapsed = clock.now - start
        #expect(result.error?.contains("external service a") == true, "\(result.error ?? "no error")")
        // Bounded by readyLimit (600 ms) plus at most one back-off step and start-up: 5 s of slack on 2 cores.
        #expect(elapsed < .seconds(6))
    }

    @Test("an unset ${VARIABLE} in an external url fails the scenario and names the variable")
    func unsetVariable() async throws {
        let scenario = try ScenarioLoader.parse(
            "name: unset\nservices:\n  - name: a\n    kind: external\n    url: ${CELLO_NOT_SET_ANYWHERE}\ntraffic: {count: 1}\n",
            file: "unset.yaml")
        var options = RunnerOptions()
        options.environment = [:]
        let result = await ScenarioRunner(options: options).run(scenario)
        #expect(result.error?.contains("CELLO_NOT_SET_ANYWHERE") == true, "\(result.error ?? "no error")")
    }
}
