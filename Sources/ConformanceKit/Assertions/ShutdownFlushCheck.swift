import Foundation

/// Shutdown flush: the spans queued when SIGTERM arrives are what gets exported, by the shutdown itself.
/// Judged from the collector's arrival times against the moment the runner sent the first SIGTERM.
enum ShutdownFlushCheck {
    static func evaluate(_ expectation: ShutdownFlushExpectation, _ observed: Observations) -> ExpectationResult {
        guard let requests = observed.sdkTraceRequests else {
            return observed.wireNotApplicable("shutdownFlush")
        }
        var failures: [String] = []
        let early = requests.filter { ($0.arrivalTime ?? observed.stopStarted) < observed.stopStarted }
        for request in early.prefix(5) {
            let lead = observed.stopStarted.timeIntervalSince(request.arrivalTime!) * 1000
            failures.append(
                "export request #\(request.id) (\(request.spanCount) spans) arrived \(ExportTimeoutCheck.format(lead)) ms "
                    + "before SIGTERM: spans were not held until shutdown")
        }
        let late = requests.count - early.count
        if late == 0 { failures.append("no export request arrived after SIGTERM: the shutdown did not flush") }
        let spans = requests.filter { !early.contains($0) }.map(\.spanCount).reduce(0, +)
        return .check(
            "shutdownFlush", failures: failures,
            passed: "all \(late) export requests (\(spans) spans) arrived after SIGTERM",
            evidence: ["\(requests.count) trace export requests, \(early.count) before the first SIGTERM"])
    }
}
