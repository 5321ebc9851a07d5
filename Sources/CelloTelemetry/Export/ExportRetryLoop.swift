/// Runs export attempts until one is accepted, one is rejected, or the export deadline passes.
///
/// Spec: docs/cello-telemetry.md section 4: "`exportTimeoutMs` is the deadline of one export, retries included ...
/// When it passes, the export is cancelled". The whole loop races a sleep until the deadline; when the sleep wins,
/// the attempt in flight is cancelled (grpc-swift resets the stream, AsyncHTTPClient closes the request) and
/// the export throws ``OTLPExportError/Code/deadlineExceeded``.
struct ExportRetryLoop<C: Clock<Duration>>: Sendable {
    var policy: RetryPolicy
    var timeout: Duration
    var clock: C

    /// - Parameter attempt: one try, given its number (1 = first) and the time left until the deadline.
    /// - Returns: the partial-success report of the accepted attempt, if the collector sent one.
    func run(
        _ attempt: @escaping @Sendable (_ number: Int, _ remaining: Duration) async throws -> ExportAttemptOutcome
    ) async throws -> PartialSuccess? {
        let deadline = clock.now.advanced(by: timeout)
        return try await withThrowingTaskGroup(of: Finish.self) { group in
            group.addTask { .done(try await self.attempts(until: deadline, attempt)) }
            group.addTask {
                try await self.clock.sleep(until: deadline, tolerance: nil)
                return .deadlinePassed
            }
            defer { group.cancelAll() }
            switch try await group.next() {
            case .done(let partialSuccess):
                return partialSuccess
            case .deadlinePassed, nil:
                throw OTLPExportError(
                    code: .deadlineExceeded,
                    message: "no answer accepted within the export timeout of \(timeout)"
                )
            }
        }
    }

    private enum Finish: Sendable {
        case done(PartialSuccess?)
        case deadlinePassed
    }

    private func attempts(
        until deadline: C.Instant,
        _ attempt: @Sendable (_ number: Int, _ remaining: Duration) async throws -> ExportAttemptOutcome
    ) async throws -> PartialSuccess? {
        var number = 1
        while true {
            let outcome = try await attempt(number, clock.now.duration(to: deadline))
            switch outcome {
            case .accepted(let partialSuccess):
                return partialSuccess
            case .reject(let error):
                throw error
            case .retry(let status, let serverDelay):
                let wait = (serverDelay ?? .zero) > .zero ? serverDelay! : policy.backoff(retry: number - 1)
                guard number < policy.maxAttempts else {
                    throw OTLPExportError(
                        code: .retriesExhausted, status: status,
                        message: "attempt \(number) failed with \(status); no attempts left")
                }
                // An attempt that ran into its own grpc-timeout / request timeout ends right at the deadline;
                // either way the deadline is what stops the retries.
                guard clock.now.advanced(by: wait) < deadline else {
                    throw OTLPExportError(
                        code: .deadlineExceeded, status: status,
                        message: "attempt \(number) failed with \(status); the next retry (in \(wait)) "
                            + "would start after the export deadline")
                }
                try await clock.sleep(for: wait)
                number += 1
            }
        }
    }
}
