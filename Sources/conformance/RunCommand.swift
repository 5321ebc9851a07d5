import ArgumentParser
import ConformanceKit
import Foundation

/// `conformance run [PATH...] [--filter NAME] [--report text|json|junit|html] [--output FILE] [--html FILE]`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Runs scenarios (default: every file under Conformance/scenarios/).")

    @Argument(help: "Scenario files or folders.")
    var paths: [String] = []

    @Option(help: "Only scenarios whose name contains this text.")
    var filter: String?

    @Option(help: "text, json, junit or html (one self-contained page; give --output FILE).")
    var report: String = "text"

    @Option(help: "Write the report to this file instead of stdout.")
    var output: String?

    @Option(help: "Also write the HTML report (one self-contained page) to this file, whatever --report says.")
    var html: String?

    @Option(help: "fake-collector (in-process, default) or jaeger.")
    var backend: String = "fake-collector"

    @Option(help: "Jaeger query URL (with --backend jaeger), e.g. http://jaeger:16686.")
    var queryURL: String?

    @Option(help: "OTLP endpoint the services export to (with --backend jaeger), e.g. http://otel-collector:4317.")
    var otlpEndpoint: String?

    @Option(help: "Wait until this URL answers 200 before running (the collector's health_check, e.g. http://collector:13133/).")
    var collectorHealthURL: String?

    func run() async throws {
        guard ["text", "json", "junit", "html"].contains(report) else {
            throw failBadInput("--report must be text, json, junit or html, got '\(report)'")
        }
        var options = RunnerOptions()
        switch backend {
        case "fake-collector": break
        case "jaeger":
            guard let queryURL else { throw failBadInput("--backend jaeger needs --query-url") }
            options.backend = .jaeger(queryURL: queryURL, otlpEndpoint: otlpEndpoint ?? "http://localhost:4317")
        default: throw failBadInput("--backend must be fake-collector or jaeger, got '\(backend)'")
        }
        if let collectorHealthURL {
            guard collectorHealthURL.hasPrefix("http://") else {
                throw failBadInput("--collector-health-url must be an http:// URL, got '\(collectorHealthURL)'")
            }
            options.collectorHealthURL = collectorHealthURL
        }
        let scenarios: [Scenario]
        do {
            let roots = paths.isEmpty ? [defaultScenarioFolder()] : paths
            scenarios = try ScenarioDiscovery.load(paths: roots, filter: filter)
        } catch {
            throw failBadInput("\(error)")
        }
        guard !scenarios.isEmpty else { throw failBadInput("no scenario matches\(filter.map { " --filter '\($0)'" } ?? "")") }
        let progress = ProgressLine(enabled: standardErrorIsTerminal)
        options.progress = { progress.show($0) }
        let runner = ScenarioRunner(options: options)
        var results: [ScenarioResult] = []
        for (index, scenario) in scenarios.enumerated() {
            progress.show("[\(index + 1)/\(scenarios.count)] \(scenario.name)")
            let result = await runner.run(scenario)
            progress.finish(
                "[\(index + 1)/\(scenarios.count)] \(result.passed ? "PASS" : "FAIL") \(scenario.name) "
                    + "(\(String(format: "%.1f", result.durationSeconds)) s)")
            results.append(result)
        }
        let text: String
        switch report {
        case "json": text = JSONReporter.render(results)
        case "junit": text = JUnitReporter.render(results)
        case "html": text = HTMLReporter().render(results)
        default: text = TextReporter(colour: output == nil && standardOutputIsTerminal).render(results)
        }
        do {
            try emit(text, to: output)
            if let html {
                try emit(HTMLReporter().render(results), to: html)
                FileHandle.standardError.write(Data("conformance: HTML report written to \(html)\n".utf8))
            }
        } catch {
            throw failBadInput("\(error)")
        }
        if !results.allSatisfy(\.passed) { throw ExitCode(1) }
    }

    private func defaultScenarioFolder() -> String {
        var url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<8 {
            let candidate = url.appendingPathComponent(ScenarioDiscovery.defaultFolder).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            url.deleteLastPathComponent()
        }
        return ScenarioDiscovery.defaultFolder
    }
}
