import Foundation

/// Per-service views of a run's observations, for the rules that judge each service on its own settings.
extension Observations {
    func service(_ name: String) -> ServiceSpec? { scenario.services.first { $0.name == name } }

    /// The services the judge holds to their settings: every one the runner starts (external services are wired
    /// and configured outside the runner, so their settings are not the scenario's).
    var judgedServices: [ServiceSpec] { scenario.services.filter { $0.kind != .external } }

    /// The SDK export requests of one service (by its resource `service.name`); nil without a wire view.
    func sdkRequests(of service: String) -> [HarnessRequest]? {
        sdkTraceRequests?.filter { $0.serviceNames.contains(service) }
    }

    /// Requests recorded going into `service` (from an upstream hop or from the traffic).
    func incoming(_ service: String) -> [RecordedHop] { hops.filter { $0.target == service } }

    /// Requests recorded going out of `service` to its downstreams.
    func outgoing(_ service: String) -> [RecordedHop] { hops.filter { $0.source == service } }

    /// The spans `service` exported in `trace`.
    func spans(of service: String, in trace: String) -> [QueriedSpan] {
        (traces[trace] ?? []).filter { $0.service == service }
    }

    /// Whether the traffic carries a trace context in, so that the entry service is not the root.
    var trafficCarriesContext: Bool { trafficContext != nil }

    /// The context the traffic carries in, as the entry service reads it (a sample with its placeholders filled).
    var trafficContext: CarriedContext? {
        guard !scenario.traffic.headers.isEmpty else { return nil }
        let sample = TrafficDriver.fill(scenario.traffic.headers).map { (name: $0.name, value: $0.value) }
        let hop = RecordedHop(source: "traffic", target: scenario.entryService.name, method: "", path: "", headers: sample, time: .distantPast)
        return CarriedContext.first(hop, formats(of: scenario.entryService.name))
    }

    /// The root's configured sampling rate (the entry service's ratio), when the entry service is the root.
    var rootSamplingRate: Double? {
        trafficCarriesContext ? nil : scenario.entryService.settings.samplingRate
    }

    /// Whether every request is expected to be kept (no ratio below 1 at the root, no unsampled context sent in).
    var everyRequestKept: Bool {
        if let rate = scenario.expectations.sampling?.rate ?? rootSamplingRate, rate < 1 { return false }
        return trafficContext.map { $0.sampled == true } ?? true
    }

    /// The edges (caller, callee) reachable from the entry service, breadth first.
    var reachableEdges: [(from: String, to: String)] {
        var edges: [(from: String, to: String)] = []
        for name in reachableServices {
            for next in service(name)?.downstream ?? [] { edges.append((name, next)) }
        }
        return edges
    }

    /// Traces that hold a span of the entry service: the requests that were kept.
    var keptTraces: [String: [QueriedSpan]] {
        traces.filter { $0.value.contains { $0.service == scenario.entryService.name } }
    }
}

extension Observations {
    /// Why no span can have been stored in this run, when that is so by design: the collector is down, or every
    /// trace export met a fault that answers without storing. Rules that judge received spans are then not
    /// applicable by default (an explicit expectation is still judged).
    var nothingStoredReason: String? {
        if scenario.collector.down { return "the collector is down in this scenario, so nothing can arrive" }
        guard let requests = traceRequests, !requests.isEmpty, spans.isEmpty else { return nil }
        let storing: Set<String> = ["delay", "partial"]
        if requests.allSatisfy({ $0.fault.map { !storing.contains($0) } ?? false }) {
            return "every export request met a fault of the scenario's plan, so no span was stored"
        }
        return nil
    }
}

extension Observations {
    /// Services some of whose trace exports met a fault that stores nothing (stall, status, close, ...): their
    /// spans may be missing by design, so the rules about complete traces do not count them as lost.
    var faultedServices: Set<String> {
        let storing: Set<String> = ["delay", "partial"]
        return Set((traceRequests ?? []).filter { $0.fault.map { !storing.contains($0) } ?? false }.flatMap(\.serviceNames))
    }
}

extension Observations {
    /// The formats `service` injects and extracts: the `propagation` expectation's format when the scenario sets
    /// one, else the service's configured formats (every known format for a service the runner did not configure).
    func formats(of service: String) -> [PropagationFormat] {
        if let format = scenario.expectations.propagation?.format { return [format] }
        guard let spec = self.service(service), spec.kind != .external else { return CarriedContext.allFormats }
        return spec.settings.propagation
    }
}
