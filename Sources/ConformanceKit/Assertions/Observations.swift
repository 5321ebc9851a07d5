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
