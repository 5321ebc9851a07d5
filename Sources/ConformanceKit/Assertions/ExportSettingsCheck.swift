/// The export settings each service was given, judged on its own export requests (told apart by their resource
/// `service.name`) without a separate expectation: protocol, compression, the headers of
/// OTEL_EXPORTER_OTLP_HEADERS, and for gRPC a `grpc-timeout` that matches its export timeout.
/// docs/cello-telemetry.md sections 1, 4 and 7 ("strict by default").
enum ExportSettingsCheck {
    /// The rule ids, in report order.
    static let ruleIDs = ["export.protocol", "export.compression", "export.headers", "export.grpcTimeout"]

    static func evaluate(_ rule: String, _ observed: Observations) -> ExpectationResult {
        guard observed.sdkTraceRequests != nil else { return observed.wireNotApplicable(rule) }
        var failures: [String] = []
        var judged: [String] = []
        for service in observed.judgedServices where observed.scenario.expectations.switchedOff(rule, service: service.name) == nil {
            let settings = service.settings
            let requests = observed.sdkRequests(of: service.name) ?? []
            guard !requests.isEmpty else { continue }
            switch rule {
            case "export.protocol":
                judged.append("\(service.name): \(settings.exportProtocol)")
                for request in requests where request.exportProtocol != settings.exportProtocol {
                    failures.append("\(service.name) export request #\(request.id) used \(request.exportProtocol), configured \(settings.exportProtocol)")
                }
            case "export.compression":
                guard let compression = settings.compression else { continue }
                judged.append("\(service.name): \(compression)")
                for request in requests where request.compression != compression {
                    failures.append(
                        "\(service.name) export request #\(request.id) has compression \(request.compression), configured "
                            + "\(compression) (OTEL_EXPORTER_OTLP_COMPRESSION ignored)")
                }
            case "export.headers":
                guard !settings.headers.isEmpty else { continue }
                judged.append("\(service.name): " + settings.headers.keys.sorted().joined(separator: ", "))
                for request in requests {
                    for (name, value) in settings.headers.sorted(by: { $0.key < $1.key }) where request.headers[name] != value {
                        let got = request.headers[name].map { "'\($0)'" } ?? "absent"
                        failures.append(
                            "\(service.name) export request #\(request.id): header \(name) is \(got), configured '\(value)' "
                                + "(OTEL_EXPORTER_OTLP_HEADERS ignored)")
                    }
                }
            default:  // export.grpcTimeout
                guard settings.exportProtocol == "grpc", let timeout = settings.exportTimeoutMs else { continue }
                let tolerance = Double(observed.timeoutExpectation(for: service.name)?.toleranceMs ?? 250)
                judged.append("\(service.name): \(timeout) ms")
                failures += grpcTimeoutProblems(service.name, requests, timeoutMs: Double(timeout), toleranceMs: tolerance)
            }
        }
        if judged.isEmpty {
            return ExpectationResult(id: rule, status: .notApplicable, summary: "no service of this scenario configures it, or none exported")
        }
        return .check(rule, failures: failures, passed: "every export request as configured (\(judged.joined(separator: "; ")))", evidence: [])
    }

    /// The first attempt's `grpc-timeout` is the export timeout (a retry sends what is left of it), never more.
    static func grpcTimeoutProblems(_ service: String, _ requests: [HarnessRequest], timeoutMs: Double, toleranceMs: Double) -> [String] {
        var failures: [String] = []
        let window = (timeoutMs - toleranceMs)...(timeoutMs + toleranceMs)
        for request in requests where request.exportProtocol == "grpc" {
            guard let sent = request.grpcTimeoutMs else {
                failures.append("\(service) export request #\(request.id) has no grpc-timeout header")
                continue
            }
            if sent > window.upperBound || (request.id == requests.first?.id && !window.contains(sent)) {
                let unit = abs(sent - timeoutMs * 1000) <= toleranceMs * 1000 ? " (OTEL_EXPORTER_OTLP_TIMEOUT read as seconds)" : ""
                failures.append(
                    "\(service) export request #\(request.id) sent grpc-timeout \(ExportTimeoutCheck.format(sent)) ms, expected "
                        + "\(Int(timeoutMs)) ± \(Int(toleranceMs)) ms: the exporter ignores exportTimeoutMs\(unit)")
            }
        }
        return failures
    }
}
