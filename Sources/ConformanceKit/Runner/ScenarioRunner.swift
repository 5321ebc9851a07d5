import FakeCollector
import Foundation
import Logging

/// Runs scenarios: starts the fake collector in-process on port 0, the topology as processes behind recording
/// proxies, drives the traffic, stops every service (their final flush included), reads the spans back through
/// the query API and judges the expectations.
///
/// cello-telemetry.md section 7; ARCHITECTURE.md "Running".
public struct ScenarioRunner: Sendable {
    public var options: RunnerOptions
    private let logger: Logger

    public init(options: RunnerOptions = RunnerOptions(), logger: Logger = Logger(label: "conformance")) {
        self.options = options
        var quiet = logger
        quiet.logLevel = .error
        self.logger = quiet
    }

    /// Runs one scenario; never throws: a scenario that cannot run is a failed result with the reason.
    public func run(_ scenario: Scenario) async -> ScenarioResult {
        let clock = ContinuousClock()
        let start = clock.now
        var result: ScenarioResult
        switch options.backend {
        case .fakeCollector:
            result = await runWithFakeCollector(scenario)
        case .jaeger(let queryURL, let otlpEndpoint):
            let backend = JaegerBackend(queryURL: queryURL)
            result = await runTopology(scenario, backend: backend, endpoint: { _ in otlpEndpoint })
        }
        result.durationSeconds = milliseconds(clock.now - start) / 1000
        return result
    }

    private func runWithFakeCollector(_ scenario: Scenario) async -> ScenarioResult {
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        configuration.expectedBatchSize = scenario.collector.expectedBatchSize
        do {
            if let faults = scenario.collector.faults { configuration.faultPlan = try FaultPlan.parse(faults) }
            return try await FakeCollector.withRunning(configuration: configuration, logger: logger) { _, addresses in
                let deadPort = FreePort.closedLoopbackPort()
                return await runTopology(
                    scenario, backend: FakeCollectorBackend(queryAddress: addresses.query),
                    endpoint: { service in
                        if scenario.collector.down { return "http://127.0.0.1:\(deadPort)" }
                        return "http://" + (service.usesGRPC ? addresses.grpc : addresses.http)
                    })
            }
        } catch {
            return ScenarioResult(
                name: scenario.name, file: scenario.file, description: scenario.description,
                error: "the fake collector failed: \(error)")
        }
    }

    private func runTopology(
        _ scenario: Scenario, backend: any SpanBackend, endpoint: @Sendable (ServiceSpec) -> String
    ) async -> ScenarioResult {
        let topology = TopologyRun(
            scenario: scenario,
            launcher: ServiceLauncher(
                locator: ExecutableLocator.near(scenario.file.isEmpty ? "." : scenario.file),
                extraEnvironment: options.extraEnvironment),
            options: options)
        let outcome = await topology.run(endpoint: endpoint)
        var result = ScenarioResult(
            name: scenario.name, file: scenario.file, description: scenario.description, error: outcome.error,
            services: outcome.services, requestsSent: outcome.traffic.outcomes.count,
            requestsSucceeded: outcome.traffic.succeeded, backend: backend.name)
        guard outcome.error == nil else { return result }
        options.progress?("\(scenario.name): reading spans from \(backend.name)")
        do {
            let spans = try await collectSpans(scenario, backend: backend, traffic: outcome.traffic)
            let observations = Observations(
                scenario: scenario, spans: spans, requests: try await backend.harness?.requests(),
                findings: try await backend.harness?.findings(), hops: outcome.hops, traffic: outcome.traffic,
                services: outcome.services, stopStarted: outcome.stopStarted, backendName: backend.name)
            result.spans = spans
            result.expectations = ExpectationEvaluator.evaluate(observations)
        } catch {
            result.error = "reading the results failed: \(error)"
        }
        return result
    }

    private func collectSpans(_ scenario: Scenario, backend: any SpanBackend, traffic: TrafficResult) async throws -> [QueriedSpan] {
        let from = traffic.start.addingTimeInterval(-60)
        let to = Date().addingTimeInterval(60)
        let depth = max(traffic.outcomes.count * 4, 100)
        let names = scenario.services.map(\.name)
        guard backend.harness == nil else {
            return try await backend.spans(services: names, from: from, to: to, maxTraces: depth)
        }
        // A real Jaeger ingests asynchronously: read until two reads agree, within a bound.
        var previous = -1
        var spans: [QueriedSpan] = []
        for _ in 0..<40 {
            spans = try await backend.spans(services: names, from: from, to: to, maxTraces: depth)
            if spans.count == previous { break }
            previous = spans.count
            try await Task.sleep(for: .milliseconds(500))
        }
        return spans
    }
}
