/// Batching, per service: no export request of a service carries more than its batch size, and full batches are
/// sent when enough spans wait. On by default for every service configured with a batch size; the `batching`
/// expectation refines it (`maxBatchSize`, `fullBatches`, `services`). Needs the wire view.
/// docs/cello-telemetry.md sections 4 and 7.
enum BatchingCheck {
    static func evaluate(_ expectation: BatchingExpectation?, _ observed: Observations) -> ExpectationResult {
        guard observed.sdkTraceRequests != nil else { return observed.wireNotApplicable("batching") }
        var failures: [String] = []
        var evidence: [String] = []
        var judged: [String] = []
        for service in observed.judgedServices where observed.scenario.expectations.switchedOff("batching", service: service.name) == nil {
            let explicit = expectation.flatMap { $0.services.isEmpty || $0.services.contains(service.name) ? $0 : nil }
            guard let maxBatchSize = explicit?.maxBatchSize ?? service.settings.batchSize else { continue }
            let fullBatches = explicit?.fullBatches ?? true
            let requests = observed.sdkRequests(of: service.name) ?? []
            if requests.isEmpty {
                if explicit != nil { failures.append("\(service.name): no export request arrived") }
                continue
            }
            judged.append("\(service.name) \(maxBatchSize)")
            let counts = requests.map(\.spanCount)
            let total = counts.reduce(0, +)
            for request in requests where request.spanCount > maxBatchSize {
                failures.append(
                    "\(service.name) export request #\(request.id) carried \(request.spanCount) spans, over batchSize \(maxBatchSize) "
                        + "(the exporter sends oversize batches)")
            }
            let full = counts.filter { $0 == maxBatchSize }.count
            if fullBatches, total >= maxBatchSize * 2, full == 0 {
                failures.append(
                    "\(service.name): no export request carried a full batch of \(maxBatchSize) although \(total) spans were exported")
            }
            var histogram: [Int: Int] = [:]
            for count in counts { histogram[count, default: 0] += 1 }
            let shape = histogram.keys.sorted(by: >).map { "\(histogram[$0]!) x \($0)" }.joined(separator: ", ")
            evidence.append("\(service.name): \(total) spans in \(requests.count) requests: \(shape)")
        }
        guard !judged.isEmpty || !failures.isEmpty else {
            return ExpectationResult(id: "batching", status: .notApplicable, summary: "no service of this scenario configures a batch size")
        }
        return .check(
            "batching", failures: failures,
            passed: "no export request over its service's batch size, full batches sent (\(judged.joined(separator: ", ")))",
            evidence: evidence)
    }
}
