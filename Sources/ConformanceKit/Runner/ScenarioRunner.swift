import FakeCollector
import Foundation
import Logging

/// Runs scenarios: starts the fake collector in-process on port 0, the topology as processes behind recording
/// proxies, drives the traffic, stops every service (their final flush included), reads the spans back through
/// the query API and judges the expectations.
///
/// docs/cello-telemetry.md section 7; docs/architecture.md "Running".
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
        if let error = await waitForStack() {
            result = ScenarioResult(name: scenario.name, file: scenario.file, description: scenario.description, error: error)
        } else {
            switch options.backend {
            case .fakeCollector:
                result = await runWithFakeCollector(scenario)
            case .jaeger(let queryURL, let otlpEndpoint):
                let backend = JaegerBackend(queryURL: queryURL)
                result = await runTopology(scenario, backend: backend, endpoint: { _ in otlpEndpoint })
            }
        }
        result.durationSeconds = milliseconds(clock.now - start) / 1000
        result.topology = scenario.services.map(ServiceOverview.init)
        return result
    }

    /// Probes the collector's health URL and, with the Jaeger backend, its query API until both answer 200
    /// (bounded by `stackReadyLimit`); the reason when they do not. Section 8: readiness is probed from outside.
    private func waitForStack() async -> String? {
        var probes: [(url: String, what: String)] = []
        if let health = options.collectorHealthURL { probes.append((health, "the collector's health check")) }
        if case .jaeger(let queryURL, _) = options.backend {
            let base = queryURL.hasSuffix("/") ? String(queryURL.dropLast()) : queryURL
            probes.append((base + "/api/v3/services", "Jaeger's api_v3"))
        }
        for probe in probes {
            options.progress?("waiting for \(probe.what) at \(probe.url)")
            do {
                try await ReadinessProbe.waitForHTTP200(probe.url, limit: options.stackReadyLimit, what: probe.what)
            } catch {
                return "\(error)"
            }
        }
        return nil
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
                if let hop = scenario.collector.via {
                    return await runThroughHop(hop, scenario, addresses: addresses)
                }
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

    /// Services -> rotel -> fake collector: rotel starts first on free ports, is stopped (flushing) after the
    /// services, and before the spans are read.
    private func runThroughHop(
        _ hop: CollectorHop, _ scenario: Scenario, addresses: FakeCollectorAddresses
    ) async -> ScenarioResult {
        options.progress?("\(scenario.name): starting \(hop)")
        let rotel: RotelCollector
        do {
            rotel = try await RotelCollector.start(
                locator: Self.locator(for: scenario), forwardTo: addresses.grpc, limit: options.readyLimit)
        } catch {
            return ScenarioResult(
                name: scenario.name, file: scenario.file, description: scenario.description,
                error: "\(hop) did not start: \(error)")
        }
        let grace = options.stopGrace
        return await runTopology(
            scenario, backend: FakeCollectorBackend(queryAddress: addresses.query), collectorHop: hop,
            endpoint: { rotel.endpoint(for: $0) },
            afterServices: { await rotel.stop(grace: grace) })
    }

    private static func locator(for scenario: Scenario) -> ExecutableLocator {
        ExecutableLocator.near(scenario.file.isEmpty ? "." : scenario.file)
    }

    private func runTopology(
        _ scenario: Scenario, backend: any SpanBackend, collectorHop: CollectorHop? = nil,
        endpoint: @Sendable (ServiceSpec) -> String, afterServices: @Sendable () async -> ServiceRun? = { nil }
    ) async -> ScenarioResult {
        let topology = TopologyRun(
            scenario: scenario,
            launcher: ServiceLauncher(
                locator: Self.locator(for: scenario), extraEnvironment: options.extraEnvironment,
                scenarioFile: scenario.file, variables: options.environment),
            options: options)
        var outcome = await topology.run(endpoint: endpoint)
        if let hopRun = await afterServices() { outcome.services.append(hopRun) }
        var result = ScenarioResult(
            name: scenario.name, file: scenario.file, description: scenario.description, error: outcome.error,
            services: outcome.services, requestsSent: outcome.traffic.outcomes.count,
            requestsSucceeded: outcome.traffic.succeeded, backend: collectorHop.map { "\(backend.name) via \($0)" } ?? backend.name)
        guard outcome.error == nil else { return result }
        options.progress?("\(scenario.name): reading spans from \(backend.name)")
        do {
            let spans = try await collectSpans(scenario, backend: backend, traffic: outcome.traffic)
            // The judge holds each service to the settings it was started with: `${VAR}` in `env` as expanded.
            var judged = scenario
            for index in judged.services.indices {
                for (key, value) in judged.services[index].environment where value.contains("${") {
                    judged.services[index].environment[key] =
                        (try? VariableExpansion.expand(value, environment: options.environment)) ?? value
                }
            }
            let observations = Observations(
                scenario: judged, spans: spans, requests: try await backend.harness?.requests(),
                findings: try await backend.harness?.findings(), hops: outcome.hops, traffic: outcome.traffic,
                services: outcome.services, stopStarted: outcome.stopStarted, backendName: backend.name,
                collectorHop: collectorHop)
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
        // A real Jaeger ingests asynchronously (and external services export on their own schedule): read until
        // two reads agree and, when the scenario says how many spans to expect, that many arrived; bounded (20 s).
        let expected = (scenario.expectations.noLoss?.spansPerRequest ?? 0) * traffic.succeeded
        var previous = -1
        var spans: [QueriedSpan] = []
        for _ in 0..<40 {
            spans = try await backend.spans(services: names, from: from, to: to, maxTraces: depth)
            if spans.count == previous, spans.count >= expected { break }
            previous = spans.count
            try await Task.sleep(for: .milliseconds(500))
        }
        return spans
    }
}
