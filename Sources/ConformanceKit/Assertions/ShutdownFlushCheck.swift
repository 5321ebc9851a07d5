import Foundation

/// Shutdown flush, per service: the spans queued when SIGTERM arrives are what gets exported, by the shutdown
/// itself. Judged from the collector's arrival times against the moment the runner sent the first SIGTERM, for each
/// service the expectation names (all when it names none), so a hop that loses its spans at shutdown is named even
/// when the others flushed. docs/cello-telemetry.md section 4 (shutdown).
enum ShutdownFlushCheck {
    static func evaluate(_ expectation: ShutdownFlushExpectation, _ observed: Observations) -> ExpectationResult {
        guard observed.sdkTraceRequests != nil else {
            return observed.wireNotApplicable("shutdownFlush")
        }
        var failures: [String] = []
        var evidence: [String] = []
        let services = observed.judgedServices.filter { expectation.services.isEmpty || expectation.services.contains($0.name) }
        for service in services {
            let requests = observed.sdkRequests(of: service.name) ?? []
            let early = requests.filter { ($0.arrivalTime ?? observed.stopStarted) < observed.stopStarted }
            for request in early.prefix(3) {
                let lead = observed.stopStarted.timeIntervalSince(request.arrivalTime!) * 1000
                failures.append(
                    "\(service.name) export request #\(request.id) (\(request.spanCount) spans) arrived "
                        + "\(ExportTimeoutCheck.format(lead)) ms before SIGTERM: spans were not held until shutdown")
            }
            if requests.count == early.count {
                failures.append("\(service.name) sent no export request after SIGTERM: its shutdown did not flush")
            }
            let spans = requests.filter { !early.contains($0) }.map(\.spanCount).reduce(0, +)
            evidence.append("\(service.name): \(requests.count - early.count) export requests (\(spans) spans) after SIGTERM, \(early.count) before")
        }
        return .check(
            "shutdownFlush", failures: failures,
            passed: "every export request arrived after SIGTERM (\(services.map(\.name).joined(separator: ", ")))",
            evidence: evidence)
    }
}
