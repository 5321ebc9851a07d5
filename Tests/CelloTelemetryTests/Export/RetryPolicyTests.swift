@testable import CelloTelemetry
import Testing

@Suite("RetryPolicy")
struct RetryPolicyTests {
    let policy = RetryPolicy(initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), multiplier: 2, jitter: 0.2)

    @Test("grows exponentially from the initial backoff", arguments: [(0, 100), (1, 200), (2, 400), (3, 800)])
    func grows(retry: Int, millis: Int64) {
        #expect(policy.backoff(retry: retry, unit: 0.5) == .milliseconds(millis))
    }

    @Test("never exceeds the cap before jitter, even for huge retry counts")
    func caps() {
        #expect(policy.backoff(retry: 4, unit: 0.5) == .seconds(1))
        #expect(policy.backoff(retry: 10_000, unit: 0.5) == .seconds(1))
    }

    @Test("jitter spreads the wait over 1 - jitter ... 1 + jitter")
    func jitterBounds() {
        #expect(policy.backoff(retry: 1, unit: 0) == .milliseconds(160))
        #expect(policy.backoff(retry: 1, unit: 1) == .milliseconds(240))
        for _ in 0..<1000 {
            let wait = policy.backoff(retry: 2)
            #expect(wait >= .milliseconds(320) && wait <= .milliseconds(480))
        }
    }

    @Test("random draws are not all the same")
    func jitterVaries() {
        let waits = Set((0..<50).map { _ in policy.backoff(retry: 0) })
        #expect(waits.count > 1)
    }
}
