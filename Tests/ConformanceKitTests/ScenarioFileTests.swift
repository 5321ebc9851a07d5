import ConformanceKit
import Foundation
import Testing

/// Every scenario under Conformance/scenarios/ is one test (so a failure names the scenario).
/// Serialized: scenarios measure timings and run several processes each, on 2-core CI.
@Suite("Scenario files", .serialized)
struct ScenarioFileTests {
    @Test("scenario passes (demo-service only)", arguments: TestSupport.scenarioFiles(python: false))
    func demoScenario(file: String) async throws {
        try await Self.run(file)
    }

    @Test(
        "scenario passes (with the Python peer)", .enabled(if: TestSupport.pythonEnabled, TestSupport.pythonSkipReason),
        arguments: TestSupport.scenarioFiles(python: true))
    func pythonScenario(file: String) async throws {
        try await Self.run(file)
    }

    static func run(_ file: String) async throws {
        let scenario = try ScenarioLoader.load(file: TestSupport.scenarioFolder + "/" + file)
        let result = await ScenarioRunner().run(scenario)
        let report = TextReporter(colour: false, tracesShown: 1).render([result])
        #expect(result.error == nil, "\(report)")
        #expect(result.failures.isEmpty, "\(report)")
        #expect(!result.expectations.isEmpty)
    }

    @Test("every scenario file starts with a comment saying what it proves")
    func filesSayWhatTheyProve() throws {
        let files = TestSupport.scenarioFiles(python: false) + TestSupport.scenarioFiles(python: true)
        #expect(files.count >= 20)
        for file in files {
            let text = try String(contentsOfFile: TestSupport.scenarioFolder + "/" + file, encoding: .utf8)
            #expect(text.hasPrefix("# Proves: "), "\(file)")
        }
    }
}
