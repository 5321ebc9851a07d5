import Foundation

/// One run of a topology: services started downstream-first behind recording proxies, the traffic, and the
/// stop of every service in the reverse order (entry first), whatever happened before.
///
/// `external` services are not started or stopped: their URL is expanded, their `/health` probed until 200, and
/// traffic goes to them directly (their downstreams are wired outside the runner, so no proxy sits between them).
struct TopologyRun: Sendable {
    var scenario: Scenario
    var launcher: ServiceLauncher
    var options: RunnerOptions

    struct Outcome: Sendable {
        var error: String?
        var traffic = TrafficResult()
        var hops: [RecordedHop] = []
        /// The traffic's own requests into the entry service (the headers each one carried in).
        var trafficHops: [RecordedHop] = []
        var services: [ServiceRun] = []
        /// When the first SIGTERM was sent.
        var stopStarted = Date()
    }

    func run(endpoint: @Sendable (ServiceSpec) -> String) async -> Outcome {
        var outcome = Outcome()
        var started: [(spec: ServiceSpec, process: ServiceProcess?, address: String?)] = []
        var proxies: [RecordingProxy] = []
        await withTaskGroup(of: Void.self) { group in
            do {
                var callAddress: [String: String] = [:]
                for service in scenario.startOrder {
                    if service.kind == .external {
                        let address = try await waitForExternal(service)
                        started.append((service, nil, address))
                        callAddress[service.name] = address
                        continue
                    }
                    options.progress?("\(scenario.name): starting \(service.name) (\(service.kind))")
                    // One recording proxy per edge, so every recorded request knows which hop sent it.
                    var urls: [String] = []
                    for name in service.downstream {
                        let target = scenario.services.first { $0.name == name }
                        guard target?.kind != .external else {
                            urls.append("http://\(callAddress[name]!)")
                            continue
                        }
                        let proxy = RecordingProxy(source: service.name, target: name, targetAddress: callAddress[name]!)
                        group.addTask { try? await proxy.run() }
                        let port = await proxy.listening()
                        guard port > 0 else {
                            throw RunnerError(code: .launchFailed, message: "the recording proxy for \(service.name) -> \(name) did not start")
                        }
                        proxies.append(proxy)
                        urls.append("http://127.0.0.1:\(port)")
                    }
                    let (process, ready) = try await launcher.start(
                        service, downstreamURLs: urls, endpoint: endpoint(service), readyLimit: options.readyLimit)
                    started.append((service, process, try? ready.get()))
                    callAddress[service.name] = try ready.get()
                }
                let entry = scenario.entryService.name
                let name = scenario.name
                let progress = options.progress
                let total = scenario.traffic.count
                let step = max(total / 20, 1)
                let driver = TrafficDriver(
                    traffic: scenario.traffic, address: started.first { $0.spec.name == entry }!.address!,
                    progress: { done, all in
                        if done % step == 0 || done == all { progress?("\(name): \(done)/\(all) requests") }
                    })
                if total > 0 { progress?("\(name): sending \(total) requests") }
                outcome.traffic = await driver.run()
                outcome.trafficHops = outcome.traffic.sent.map { headers in
                    RecordedHop(
                        source: "traffic", target: entry, method: scenario.traffic.method, path: scenario.traffic.path,
                        headers: headers, time: outcome.traffic.start)
                }
            } catch {
                outcome.error = "\(error)"
            }
            outcome.stopStarted = Date()
            for entry in started.reversed() {
                guard let process = entry.process else {
                    outcome.services.append(
                        ServiceRun(
                            name: entry.spec.name, kind: entry.spec.kind.description, commandLine: [],
                            address: entry.address, exitStatus: nil, killed: false, output: []))
                    continue
                }
                options.progress?("\(scenario.name): stopping \(entry.spec.name)")
                let (status, killed) = await process.stop(grace: options.stopGrace)
                outcome.services.append(
                    ServiceRun(
                        name: entry.spec.name, kind: entry.spec.kind.description, commandLine: process.commandLine,
                        address: entry.address, exitStatus: status, killed: killed, output: process.output))
            }
            group.cancelAll()
        }
        outcome.hops = outcome.trafficHops + proxies.flatMap(\.hops).sorted { $0.time < $1.time }
        return outcome
    }

    /// Expands an external service's URL, probes `URL/health` until 200 (bounded by the ready limit), and returns
    /// its `HOST:PORT`.
    private func waitForExternal(_ service: ServiceSpec) async throws -> String {
        let url = try VariableExpansion.expand(
            service.url ?? "", environment: options.environment, context: "\(service.name): url")
        guard let components = URLComponents(string: url), components.scheme == "http", let host = components.host,
            !host.isEmpty
        else {
            throw RunnerError(code: .launchFailed, message: "\(service.name): '\(url)' is not an http://HOST[:PORT] URL")
        }
        let address = "\(host):\(components.port ?? 80)"
        options.progress?("\(scenario.name): waiting for external \(service.name) at \(url)")
        try await ReadinessProbe.waitForHTTP200(
            "http://\(address)/health", limit: options.readyLimit, what: "external service \(service.name)")
        return address
    }
}
