@testable import CelloTelemetry
import Synchronization
import Testing

@Suite("ExportRetryLoop")
struct ExportRetryLoopTests {
    let fastPolicy = RetryPolicy(initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5), jitter: 0)

    @Test("retries retryable outcomes until one is accepted")
    func retriesUntilAccepted() async throws {
        let calls = Atomic(0)
        let loop = ExportRetryLoop(policy: fastPolicy, timeout: .seconds(5), clock: ContinuousClock())
        let partial = try await loop.run { number, _ in
            calls.add(1, ordering: .relaxed)
            return number < 3 ? .retry(status: "14", serverDelay: nil) : .accepted(partialSuccess: PartialSuccess(rejectedSpans: 1, errorMessage: "x"))
        }
        #expect(calls.load(ordering: .relaxed) == 3)
        #expect(partial?.rejectedSpans == 1)
    }

    @Test("stops at the first rejection")
    func rejectionStops() async {
        let calls = Atomic(0)
        let loop = ExportRetryLoop(policy: fastPolicy, timeout: .seconds(5), clock: ContinuousClock())
        await #expect(throws: OTLPExportError(code: .rejected, status: "3", message: "bad")) {
            try await loop.run { _, _ in
                calls.add(1, ordering: .relaxed)
                return .reject(OTLPExportError(code: .rejected, status: "3", message: "bad"))
            }
        }
        #expect(calls.load(ordering: .relaxed) == 1)
    }

    @Test("gives up at once when the server's delay ends after the deadline")
    func delayBeyondDeadline() async {
        let loop = ExportRetryLoop(policy: fastPolicy, timeout: .seconds(30), clock: ContinuousClock())
        let start = ContinuousClock.now
        do {
            _ = try await loop.run { _, _ in .retry(status: "14", serverDelay: .seconds(60)) }
            Issue.record("expected a failure")
        } catch let error as OTLPExportError {
            #expect(error.code == .deadlineExceeded)
            #expect(error.status == "14")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(ContinuousClock.now - start < .seconds(5))  // did not wait for the deadline
    }

    @Test("stops after maxAttempts")
    func attemptLimit() async {
        var policy = fastPolicy
        policy.maxAttempts = 4
        let calls = Atomic(0)
        let loop = ExportRetryLoop(policy: policy, timeout: .seconds(5), clock: ContinuousClock())
        do {
            _ = try await loop.run { _, _ in
                calls.add(1, ordering: .relaxed)
                return .retry(status: "503", serverDelay: nil)
            }
            Issue.record("expected a failure")
        } catch let error as OTLPExportError {
            #expect(error.code == .retriesExhausted)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(calls.load(ordering: .relaxed) == 4)
    }

    @Test("passes the time left to each attempt and cancels a hung attempt at the deadline")
    func deadline() async {
        let loop = ExportRetryLoop(policy: fastPolicy, timeout: .milliseconds(200), clock: ContinuousClock())
        let start = ContinuousClock.now
        let remainingSeen = Mutex<Duration?>(nil)
        do {
            _ = try await loop.run { _, remaining in
                remainingSeen.withLock { $0 = remaining }
                await waitForCancellation()
                return .accepted(partialSuccess: nil)
            }
            Issue.record("expected the deadline")
        } catch let error as OTLPExportError {
            #expect(error.code == .deadlineExceeded)
        } catch {
            Issue.record("unexpected \(error)")
        }
        let elapsed = ContinuousClock.now - start
        // Window: the timeout, plus 1 s slack for scheduling on a loaded 2-core machine.
        #expect(elapsed >= .milliseconds(200) && elapsed < .milliseconds(1200), "took \(elapsed)")
        let remaining = remainingSeen.withLock { $0 }
        #expect(remaining.map { $0 <= .milliseconds(200) && $0 > .zero } == true)  // never more than the timeout
    }
}
