import Foundation

/// `--report json`: one object with every scenario, its expectations and evidence, and its services' exits.
public enum JSONReporter {
    struct Report: Encodable {
        var passed: Bool
        var scenarios: [Scenario]
    }

    struct Scenario: Encodable {
        var name: String
        var file: String
        var description: String
        var passed: Bool
        var error: String?
        var durationSeconds: Double
        var backend: String
        var requestsSent: Int
        var requestsSucceeded: Int
        var traceCount: Int
        var spanCount: Int
        var expectations: [ExpectationResult]
        var services: [ServiceRun]
    }

    public static func render(_ results: [ScenarioResult]) -> String {
        let report = Report(
            passed: results.allSatisfy(\.passed),
            scenarios: results.map {
                Scenario(
                    name: $0.name, file: $0.file, description: $0.description, passed: $0.passed, error: $0.error,
                    durationSeconds: $0.durationSeconds, backend: $0.backend, requestsSent: $0.requestsSent,
                    requestsSucceeded: $0.requestsSucceeded, traceCount: Set($0.spans.map(\.traceID)).count,
                    spanCount: $0.spans.count, expectations: $0.expectations,
                    services: $0.services.map { service in
                        var trimmed = service
                        trimmed.output = Array(service.output.suffix(200))
                        return trimmed
                    })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
