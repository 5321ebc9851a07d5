import FakeCollector
import Foundation

/// Export timeout, per service: against a stalled collector each export request of a service ends within its
/// `exportTimeoutMs ± toleranceMs` of its arrival (measured by the collector), a gRPC request's `grpc-timeout`
/// matches, and (when the expectation says so) the service's own requests are not slowed. On by default for every
/// service configured with a timeout when the scenario's fault plan stalls the receiver it exports to; the
/// `exportTimeout` expectation refines it (`services: [B]`, tolerance, request bound). docs/cello-telemetry.md
/// sections 4 and 7.
enum ExportTimeoutCheck {
    static func evaluate(_ expectation: ExportTimeoutExpectation?, _ observed: Observations) -> ExpectationResult {
        guard observed.sdkTraceRequests != nil else { return observed.wireNotApplicable("exportTimeout") }
        var failures: [String] = []
        var evidence: [String] = []
        var judged: [String] = []
        for service in observed.judgedServices {
            let explicit = expectation.flatMap { $0.services.isEmpty || $0.services.contains(service.name) ? $0 : nil }
            guard observed.scenario.expectations.switchedOff("exportTimeout", service: service.name) == nil else { continue }
            let timeoutMs: Int
            if let explicit {
                timeoutMs = explicit.timeoutMs
            } else if let configured = service.settings.exportTimeoutMs, observed.stalls(service) {
                timeoutMs = configured
            } else {
                continue
            }
            let tolerance = Double(explicit?.toleranceMs ?? 250)
            let window = (Double(timeoutMs) - tolerance)...(Double(timeoutMs) + tolerance)
            let requests = observed.sdkRequests(of: service.name) ?? []
            let stalled = requests.filter { $0.fault == "stall" }
            judged.append("\(service.name) \(timeoutMs) ms")
            if stalled.isEmpty, explicit != nil {
                failures.append("no export request of \(service.name) reached the stalled collector")
            }
            for request in stalled {
                guard let open = request.openMs else {
                    failures.append("\(service.name): stalled export request #\(request.id) never ended (end: \(request.end))")
                    continue
                }
                evidence.append(
                    "\(service.name) request #\(request.id): open \(format(open)) ms, ended \(request.end)"
                        + (request.grpcTimeoutMs.map { ", grpc-timeout \(format($0)) ms" } ?? ""))
                if !window.contains(open) {
                    let hint = open > window.upperBound ? " (the exporter ignores exportTimeoutMs)" : " (gave up too early)"
                    failures.append(
                        "\(service.name): stalled export request #\(request.id) stayed open \(format(open)) ms; exportTimeoutMs is "
                            + "\(timeoutMs) ± \(Int(tolerance)) ms\(hint)")
                }
            }
            if explicit != nil {
                failures += ExportSettingsCheck.grpcTimeoutProblems(
                    service.name, requests, timeoutMs: Double(timeoutMs), toleranceMs: tolerance)
            }
        }
        guard !judged.isEmpty else {
            return ExpectationResult(
                id: "exportTimeout", status: .notApplicable,
                summary: "needs a stall in the fault plan and a service with exportTimeoutMs")
        }
        if let expectation {
            let slowest = observed.traffic.maxLatencyMs
            if slowest > Double(expectation.maxRequestMs) {
                failures.append(
                    "a service request took \(format(slowest)) ms while exports stalled, over \(expectation.maxRequestMs) ms")
            }
            evidence.append("slowest of \(observed.traffic.outcomes.count) service requests: \(format(slowest)) ms")
        }
        return .check(
            "exportTimeout", failures: failures,
            passed: "stalled exports ended within their timeout (\(judged.joined(separator: ", ")))"
                + (expectation == nil ? "" : "; requests not slowed"),
            evidence: Array(evidence.prefix(6)))
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}

extension Observations {
    /// Whether the scenario's fault plan stalls the receiver `service` exports to.
    func stalls(_ service: ServiceSpec) -> Bool {
        guard let text = scenario.collector.faults, let plan = try? FaultPlan.parse(text) else { return false }
        let rules = service.settings.exportProtocol == "grpc" ? plan.grpc : plan.http
        return rules.contains { $0.action == .stall }
    }

    /// The explicit export-timeout expectation that covers `service`, if any.
    func timeoutExpectation(for service: String) -> ExportTimeoutExpectation? {
        guard let expectation = scenario.expectations.exportTimeout,
            expectation.services.isEmpty || expectation.services.contains(service)
        else { return nil }
        return expectation
    }
}
