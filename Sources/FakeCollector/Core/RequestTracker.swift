import Foundation

/// Follows one export request from arrival to its end and writes the outcome into the ``RequestLog``.
struct RequestTracker: Sendable {
    let id: Int
    let log: RequestLog
    private let started: ContinuousClock.Instant

    /// Records the arrival (end `pending`) and starts the duration clock.
    init(log: RequestLog, receiver: ReceiverKind, protocol exportProtocol: ExportProtocol, signal: ExportSignal,
         path: String, headers: [String: String], compression: String, grpcTimeoutMs: Double?) {
        self.log = log
        self.started = .now
        let record = ExportRequestRecord(
            id: 0, receiver: receiver, exportProtocol: exportProtocol, signal: signal, path: path, headers: headers,
            compression: compression, spanCount: 0, grpcTimeoutMs: grpcTimeoutMs, arrivalTime: Date(), endTime: nil,
            durationMs: nil, end: .pending, status: nil, fault: nil, traceIds: [], serviceNames: [], findings: [])
        self.id = log.begin(record)
    }

    /// Notes the decoded contents (before the answer, so a stalled request already shows them).
    func noteContents(itemCount: Int, traceIDs: [String], serviceNames: [String], fault: FaultAction?) {
        log.update(id) { record in
            record.spanCount = itemCount
            record.traceIds = traceIDs
            record.serviceNames = serviceNames
            record.fault = fault?.rawValue
        }
    }

    /// Notes the end: how it ended, the status answered and the request's findings.
    func finish(_ end: RequestEnd, status: String?, fault: FaultAction?, findings: FindingCollector) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let requestFindings = findings.findings(requestId: id)
        log.update(id) { record in
            record.end = end
            record.status = status
            record.endTime = Date()
            record.durationMs = milliseconds
            if let fault { record.fault = fault.rawValue }
            record.findings = requestFindings
        }
    }
}
