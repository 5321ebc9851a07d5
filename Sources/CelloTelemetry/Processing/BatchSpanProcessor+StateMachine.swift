/// The batch processor's state: the bounded queue, flush and shutdown requests, and counts. Each event is a
/// `mutating` transition returning what to do; the processor runs that outside the lock.
///
/// Spec: docs/cello-telemetry.md section 4.
struct BatchSpanProcessorState {
    enum Phase {
        case running
        /// Shutdown requested: drain everything, then finish.
        case draining
        /// Finished: new spans are dropped and counted.
        case finished
    }

    struct FlushWaiter {
        /// Resumed once this many spans (counted from the start) have been through an export.
        var target: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    let maxQueueSize: Int
    let batchSize: Int
    private(set) var queue: [FinishedSpan] = []
    private(set) var phase = Phase.running
    /// The timer fired: export what is queued even if it is less than a batch.
    private var tickPending = false
    /// A synchronous flush request: export everything queued now.
    private var flushTarget: UInt64 = 0
    private var flushWaiters: [FlushWaiter] = []
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    /// Spans accepted into the queue so far.
    private(set) var enqueued: UInt64 = 0
    /// Spans that went through an export (either way) so far.
    private(set) var completed: UInt64 = 0
    var counts = BatchSpanProcessorCounts()

    init(maxQueueSize: Int, batchSize: Int) {
        self.maxQueueSize = maxQueueSize
        self.batchSize = batchSize
        queue.reserveCapacity(batchSize)
    }

    // MARK: Span end

    enum OnEnd {
        case accepted(wake: Bool)
        case droppedQueueFull
        case droppedShutdown
    }

    mutating func append(_ span: FinishedSpan) -> OnEnd {
        guard phase == .running else {
            counts.droppedAfterShutdown += 1
            return .droppedShutdown
        }
        guard queue.count < maxQueueSize else {
            counts.droppedQueueFull += 1
            return .droppedQueueFull
        }
        queue.append(span)
        enqueued += 1
        counts.accepted += 1
        return .accepted(wake: queue.count == batchSize)
    }

    // MARK: Requests

    /// Returns true when the run loop should be woken.
    mutating func tick() -> Bool {
        guard !queue.isEmpty, !tickPending else { return false }
        tickPending = true
        return true
    }

    mutating func requestFlush() -> Bool {
        flushTarget = enqueued
        return completed < flushTarget
    }

    enum OnFlush {
        case resumeNow
        case wake
    }

    mutating func addFlushWaiter(_ continuation: CheckedContinuation<Void, Never>) -> OnFlush {
        guard completed < enqueued, phase != .finished else { return .resumeNow }
        flushWaiters.append(FlushWaiter(target: enqueued, continuation: continuation))
        return .wake
    }

    enum OnShutdown {
        case resumeNow
        case wake
    }

    mutating func addShutdownWaiter(_ continuation: CheckedContinuation<Void, Never>?) -> OnShutdown {
        if phase == .finished { return .resumeNow }
        if let continuation { shutdownWaiters.append(continuation) }
        if phase == .running { phase = .draining }
        return .wake
    }

    // MARK: Run loop

    enum NextAction {
        /// Export this batch, then ask again.
        case export([FinishedSpan])
        /// Nothing to do until the next wake-up; resume these flush waiters first.
        case idle(resume: [CheckedContinuation<Void, Never>])
        /// Shut the exporter down, resume these, and stop.
        case finish(resume: [CheckedContinuation<Void, Never>])
    }

    /// What the run loop does next.
    mutating func next() -> NextAction {
        let mustDrain = phase != .running || tickPending || completed < flushTarget
            || flushWaiters.contains(where: { $0.target > completed })
        if queue.count >= batchSize || (mustDrain && !queue.isEmpty) {
            return .export(takeBatch())
        }
        tickPending = false
        let done = flushWaiters.filter { $0.target <= completed }.map(\.continuation)
        flushWaiters.removeAll(where: { $0.target <= completed })
        if phase == .draining {
            phase = .finished
            let all = done + flushWaiters.map(\.continuation) + shutdownWaiters
            flushWaiters = []
            shutdownWaiters = []
            return .finish(resume: all)
        }
        return .idle(resume: done)
    }

    /// Records the outcome of the batch the last `.export` handed out.
    mutating func exportFinished(spanCount: Int, succeeded: Bool) {
        completed += UInt64(spanCount)
        counts.exports += 1
        if succeeded {
            counts.exportedSpans += UInt64(spanCount)
        } else {
            counts.failedExports += 1
            counts.failedSpans += UInt64(spanCount)
        }
    }

    /// True once shutdown was requested.
    var isDraining: Bool { phase == .draining }

    /// The shutdown deadline passed: drop (and count) what is still queued so shutdown can finish.
    mutating func abandonQueue() -> Int {
        let count = queue.count
        counts.droppedAfterShutdown += UInt64(count)
        completed += UInt64(count)
        queue = []
        return count
    }

    /// The run loop stopped without draining (cancelled): release every waiter.
    mutating func cancelled() -> [CheckedContinuation<Void, Never>] {
        phase = .finished
        counts.droppedAfterShutdown += UInt64(queue.count)
        queue = []
        let all = flushWaiters.map(\.continuation) + shutdownWaiters
        flushWaiters = []
        shutdownWaiters = []
        return all
    }

    private mutating func takeBatch() -> [FinishedSpan] {
        if queue.count <= batchSize {
            let batch = queue
            queue = []
            queue.reserveCapacity(batchSize)
            return batch
        }
        let batch = Array(queue.prefix(batchSize))
        queue.removeFirst(batchSize)
        return batch
    }
}
