/// Batching: no export request carries more than `batchSize` spans, and full batches are sent when enough spans
/// wait. Needs the wire view. cello-telemetry.md sections 4 and 7.
enum BatchingCheck {
    static func evaluate(_ expectation: BatchingExpectation, _ observed: Observations) -> ExpectationResult {
        guard let requests = observed.sdkTraceRequests else { return observed.wireNotApplicable("batching") }
        let counts = requests.map(\.spanCount)
        let total = counts.reduce(0, +)
        var failures: [String] = []
        for request in requests where request.spanCount > expectation.maxBatchSize {
            failures.append(
                "export request #\(request.id) carried \(request.spanCount) spans, over batchSize \(expectation.maxBatchSize) "
                    + "(the exporter sends oversize batches)")
        }
        if requests.isEmpty { failures.append("no export request arrived") }
        let full = counts.filter { $0 == expectation.maxBatchSize }.count
        if expectation.fullBatches, total >= expectation.maxBatchSize * 2, full == 0 {
            failures.append(
                "no export request carried a full batch of \(expectation.maxBatchSize) although \(total) spans were exported")
        }
        var histogram: [Int: Int] = [:]
        for count in counts { histogram[count, default: 0] += 1 }
        let shape = histogram.keys.sorted(by: >).map { "\(histogram[$0]!) x \($0)" }.joined(separator: ", ")
        return .check(
            "batching", failures: failures,
            passed: "\(requests.count) requests, none over \(expectation.maxBatchSize) spans, \(full) full batches",
            evidence: ["\(total) spans in \(requests.count) requests: \(shape)"])
    }
}
