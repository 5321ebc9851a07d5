import Foundation

/// Everything a scenario run produced that expectations are judged on.
struct Observations: Sendable {
    var scenario: Scenario
    /// Every span read back through the query API.
    var spans: [QueriedSpan]
    /// Export requests from the wire view; nil when the backend has none.
    var requests: [HarnessRequest]?
    /// Wire findings; nil when the backend has none.
    var findings: [HarnessFinding]?
    var hops: [RecordedHop]
    var traffic: TrafficResult
    var services: [ServiceRun]
    /// When the runner sent the first SIGTERM.
    var stopStarted: Date
    var backendName: String
    /// The real collector between the services and the wire view (`rotel`), if any.
    var collectorHop: CollectorHop? = nil

    /// The export requests as the SDKs sent them: nil without a wire view, and nil behind a collector hop, which
    /// re-batches (its requests say nothing about the SDK's batch size or `grpc-timeout`).
    var sdkTraceRequests: [HarnessRequest]? { collectorHop == nil ? traceRequests : nil }

    /// "Not applicable" for an expectation about the SDK's wire, with the reason that fits this run.
    func wireNotApplicable(_ id: String) -> ExpectationResult {
        guard let collectorHop else { return .notApplicable(id, backend: backendName) }
        return ExpectationResult(
            id: id, status: .notApplicable,
            summary: "judges the SDK's export requests, but they pass through \(collectorHop), which re-batches them")
    }

    /// Spans grouped by trace id.
    var traces: [String: [QueriedSpan]] { Dictionary(grouping: spans, by: \.traceID) }

    /// Trace-signal export requests only.
    var traceRequests: [HarnessRequest]? { requests?.filter { $0.signal == "traces" } }

    /// The root server spans of the entry service: one per sampled request.
    var roots: [QueriedSpan] {
        spans.filter { $0.service == scenario.entryService.name && $0.kind == 2 && $0.parentSpanID == nil }
    }

    /// Services reachable from the entry service (every hop a request goes through).
    var reachableServices: [String] {
        var result: [String] = []
        var queue = [scenario.entryService.name]
        while let name = queue.first {
            queue.removeFirst()
            guard !result.contains(name) else { continue }
            result.append(name)
            queue += scenario.services.first { $0.name == name }?.downstream ?? []
        }
        return result
    }
}
