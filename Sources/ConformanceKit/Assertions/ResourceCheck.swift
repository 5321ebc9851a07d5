/// Resource `service.name`, on by default: every export request names a service of the scenario, and each
/// service that exported spans did so under the name it was given (OTEL_SERVICE_NAME).
/// docs/cello-telemetry.md sections 1 and 6.
enum ResourceCheck {
    static func evaluate(_ observed: Observations) -> ExpectationResult {
        guard let requests = observed.traceRequests else { return .notApplicable("resource", backend: observed.backendName) }
        let names = Set(observed.scenario.services.map(\.name))
        var failures: [String] = []
        var foreign: [String: Int] = [:]
        for request in requests {
            for name in request.serviceNames where !names.contains(name) { foreign[name, default: 0] += 1 }
        }
        let sending = Set(requests.flatMap(\.serviceNames))
        let silent = observed.judgedServices.map(\.name).filter { !sending.contains($0) && observed.reachableServices.contains($0) }
        for (name, count) in foreign.sorted(by: { $0.key < $1.key }) {
            let label = name.isEmpty ? "no service.name" : "service.name '\(name)'"
            let suspects = silent.isEmpty ? "" : " (services that exported nothing under their own name: \(silent.joined(separator: ", ")))"
            failures.append("\(count) export requests carry \(label), which is no service of this scenario\(suspects)")
        }
        if foreign.isEmpty, observed.everyRequestKept, observed.traffic.succeeded > 0, observed.collectorHop == nil {
            for name in silent {
                failures.append("\(name) sent no export request with service.name '\(name)'")
            }
        }
        return .check(
            "resource", failures: failures,
            passed: "every export request's resource service.name is its service's (\(sending.sorted().joined(separator: ", ")))",
            evidence: [])
    }
}
