import CelloTelemetry
import Synchronization

/// A span exporter that keeps every exported span in memory, for tests.
///
/// Spec: docs/cello-telemetry.md section 4 (the ``SpanExporter`` contract).
/// `waitForSpans(count:)` resumes on the export that reaches the count: no polling.
public final class InMemorySpanExporter: SpanExporter, Sendable {
    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<[FinishedSpan], Never>
    }

    private struct State {
        var spans: [FinishedSpan] = []
        var batchSizes: [Int] = []
        var waiters: [Waiter] = []
        var failuresToInject = 0
        var inFlight = 0
        var maxInFlight = 0
        var isShutdown = false
        var forceFlushCount = 0
    }

    /// The error an injected failure throws.
    public struct InjectedFailure: Error, Hashable, Sendable {}

    private let state = Mutex(State())

    public init() {}

    /// Every span exported so far, in export order.
    public var finishedSpans: [FinishedSpan] {
        state.withLock { $0.spans }
    }

    /// The size of every export call so far.
    public var batchSizes: [Int] {
        state.withLock { $0.batchSizes }
    }

    /// The most exports that ran at the same time.
    public var maxConcurrentExports: Int {
        state.withLock { $0.maxInFlight }
    }

    /// True once `shutdown()` was called.
    public var isShutdown: Bool {
        state.withLock { $0.isShutdown }
    }

    /// Makes the next `count` exports throw ``InjectedFailure`` (their spans are not kept).
    public func failNextExports(_ count: Int) {
        state.withLock { $0.failuresToInject += count }
    }

    /// Forgets the spans exported so far.
    public func reset() {
        state.withLock {
            $0.spans = []
            $0.batchSizes = []
        }
    }

    /// Returns the exported spans once at least `count` have been exported.
    public func waitForSpans(count: Int) async -> [FinishedSpan] {
        await withCheckedContinuation { continuation in
            let ready: [FinishedSpan]? = state.withLock { state in
                if state.spans.count >= count { return state.spans }
                state.waiters.append(Waiter(count: count, continuation: continuation))
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    public func export(_ batch: [FinishedSpan]) async throws {
        let fail = state.withLock { state -> Bool in
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            state.batchSizes.append(batch.count)
            if state.failuresToInject > 0 {
                state.failuresToInject -= 1
                return true
            }
            return false
        }
        await Task.yield()
        let ready: [(CheckedContinuation<[FinishedSpan], Never>, [FinishedSpan])] = state.withLock { state in
            state.inFlight -= 1
            guard !fail else { return [] }
            state.spans.append(contentsOf: batch)
            let spans = state.spans
            let ready = state.waiters.filter { $0.count <= spans.count }
            state.waiters.removeAll(where: { $0.count <= spans.count })
            return ready.map { ($0.continuation, spans) }
        }
        for (continuation, spans) in ready { continuation.resume(returning: spans) }
        if fail { throw InjectedFailure() }
    }

    public func forceFlush() async throws {
        state.withLock { $0.forceFlushCount += 1 }
    }

    public func shutdown() async {
        state.withLock { $0.isShutdown = true }
    }
}
