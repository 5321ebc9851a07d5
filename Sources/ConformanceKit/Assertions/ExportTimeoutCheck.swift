import Foundation

/// Export timeout: against a stalled collector each export request ends within `timeoutMs ± toleranceMs` of its
/// arrival (measured by the collector), a gRPC request's `grpc-timeout` matches `timeoutMs`, and the service's own
/// requests are not slowed. cello-telemetry.md sections 4 and 7.
enum ExportTimeoutCheck {
    static func evaluate(_ expectation: ExportTimeoutExpectation, _ observed: Observations) -> ExpectationResult {
        guard let requests = observed.sdkTraceRequests else {
            return observed.wireNotApplicable("exportTimeout")
        }
        let timeout = Double(expectation.timeoutMs)
        let tolerance = Double(expectation.toleranceMs)
        let window = (timeout - tolerance)...(timeout + tolerance)
        var failures: [String] = []
        var evidence: [String] = []
        let stalled = requests.filter { $0.fault == "stall" }
        if stalled.isEmpty { failures.append("no export request reached the stalled collector") }
        for request in stalled {
            guard let open = request.openMs else {
                failures.append("stalled export request #\(request.id) never ended (end: \(request.end))")
                continue
            }
            evidence.append(
                "request #\(request.id): open \(format(open)) ms, ended \(request.end)"
                    + (request.grpcTimeoutMs.map { ", grpc-timeout \(format($0)) ms" } ?? ""))
            if !window.contains(open) {
                let hint = open > window.upperBound ? " (the exporter ignores exportTimeoutMs)" : " (gave up too early)"
                failures.append(
                    "stalled export request #\(request.id) stayed open \(format(open)) ms; exportTimeoutMs is "
                        + "\(expectation.timeoutMs) ± \(expectation.toleranceMs) ms\(hint)")
            }
        }
        for request in requests where request.exportProtocol == "grpc" {
            guard let sent = request.grpcTimeoutMs else {
                failures.append("gRPC export request #\(request.id) has no grpc-timeout header")
                continue
            }
            if sent > window.upperBound || (request.id == requests.first?.id && !window.contains(sent)) {
                let unit = abs(sent - timeout * 1000) <= tolerance * 1000 ? " (OTEL_EXPORTER_OTLP_TIMEOUT read as seconds)" : ""
                failures.append(
                    "export request #\(request.id) sent grpc-timeout \(format(sent)) ms, expected \(expectation.timeoutMs) "
                        + "± \(expectation.toleranceMs) ms: the exporter ignores exportTimeoutMs\(unit)")
            }
        }
        let slowest = observed.traffic.maxLatencyMs
        if slowest > Double(expectation.maxRequestMs) {
            failures.append(
                "a service request took \(format(slowest)) ms while exports stalled, over \(expectation.maxRequestMs) ms")
        }
        evidence.append("slowest of \(observed.traffic.outcomes.count) service requests: \(format(slowest)) ms")
        return .check(
            "exportTimeout", failures: failures,
            passed: "\(stalled.count) stalled exports ended within \(expectation.timeoutMs) ± \(expectation.toleranceMs) ms; requests not slowed",
            evidence: Array(evidence.prefix(6)))
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
