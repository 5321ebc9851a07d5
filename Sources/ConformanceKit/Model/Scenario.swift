/// One conformance scenario: a topology of services, the collector's behaviour, the traffic and what must hold.
///
/// Implements docs/cello-telemetry.md section 7 ("Scenarios are YAML files under `Conformance/scenarios/`").
public struct Scenario: Sendable, Hashable {
    /// The scenario's name, unique within a run (`--filter` matches it).
    public var name: String
    /// What the scenario proves, in one or two sentences.
    public var description: String
    /// The file the scenario came from (empty for scenarios built in code).
    public var file: String
    /// The services, in the order they are listed; the first one receives the traffic unless `traffic.entry` says otherwise.
    public var services: [ServiceSpec]
    public var collector: CollectorSpec
    public var traffic: TrafficSpec
    public var expectations: Expectations

    public init(
        name: String, description: String = "", file: String = "", services: [ServiceSpec],
        collector: CollectorSpec = CollectorSpec(), traffic: TrafficSpec, expectations: Expectations
    ) {
        self.name = name
        self.description = description
        self.file = file
        self.services = services
        self.collector = collector
        self.traffic = traffic
        self.expectations = expectations
    }

    /// The service that receives the scenario's traffic.
    public var entryService: ServiceSpec {
        services.first { $0.name == traffic.entry } ?? services[0]
    }

    /// Services ordered so that every service comes after all of its downstreams (start order).
    public var startOrder: [ServiceSpec] {
        var ordered: [ServiceSpec] = []
        var placed: Set<String> = []
        func place(_ service: ServiceSpec, _ visiting: Set<String>) {
            guard !placed.contains(service.name), !visiting.contains(service.name) else { return }
            for name in service.downstream {
                if let next = services.first(where: { $0.name == name }) {
                    place(next, visiting.union([service.name]))
                }
            }
            placed.insert(service.name)
            ordered.append(service)
        }
        for service in services { place(service, []) }
        return ordered
    }
}
