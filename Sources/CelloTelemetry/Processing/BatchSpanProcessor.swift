import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Queues ended spans and exports them in batches: a full batch at once, a partial one when the schedule delay
/// passed, one export in flight; drops (and counts) spans when the queue is full. Run it in the application's
/// `ServiceGroup`: graceful shutdown exports everything queued, then shuts the exporter down.
///
/// Spec: docs/cello-telemetry.md section 4;
/// https://github.com/open-telemetry/opentelemetry-specification/blob/v1.40.0/specification/trace/sdk.md#batching-processor
public final class BatchSpanProcessor<C: Clock<Duration>>: SpanProcessor, Service, Sendable {
    private let exporter: any SpanExporter
    private let configuration: BatchSpanProcessorConfiguration
    private let clock: C
    private let logger: Logger
    private let metrics: SDKMetrics
    private let state: Mutex<BatchSpanProcessorState>
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    public init(
        exporter: any SpanExporter,
        configuration: BatchSpanProcessorConfiguration = .init(),
        clock: C,
        logger: Logger = Logger(label: "cello.telemetry.batch"),
        metrics: SDKMetrics = SDKMetrics()
    ) {
        self.exporter = exporter
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.state = Mutex(
            BatchSpanProcessorState(maxQueueSize: configuration.maxQueueSize, batchSize: configuration.batchSize))
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// What the processor did so far.
    public var counts: BatchSpanProcessorCounts {
        state.withLock { $0.counts }
    }

    /// Spans waiting in the queue.
    public var queuedCount: Int {
        state.withLock { $0.queue.count }
    }

    // MARK: Span end (hot path: one lock, no await)

    public func onEnd(_ span: FinishedSpan) {
        let action = state.withLock { $0.append(span) }
        switch action {
        case .accepted(let wakeUp):
            if wakeUp { wake.yield() }
        case .droppedQueueFull:
            metrics.spansDroppedQueueFull.increment()
        case .droppedShutdown:
            metrics.spansDroppedShutdown.increment()
        }
    }

    public func requestFlush() {
        if state.withLock({ $0.requestFlush() }) { wake.yield() }
    }

    // MARK: Flush and shutdown

    /// Returns once every span queued before the call went through an export (or the processor stopped).
    /// Needs `run()` to be running.
    public func forceFlush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            switch state.withLock({ $0.addFlushWaiter(continuation) }) {
            case .resumeNow: continuation.resume()
            case .wake: wake.yield()
            }
        }
    }

    /// Stops intake, exports everything queued, shuts the exporter down; returns when that is done. Graceful
    /// shutdown of the service group does the same. Needs `run()` to be running.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            switch state.withLock({ $0.addShutdownWaiter(continuation) }) {
            case .resumeNow: continuation.resume()
            case .wake: wake.yield()
            }
        }
    }

    private func beginShutdown() {
        if case .wake = state.withLock({ $0.addShutdownWaiter(nil) }) { wake.yield() }
    }

    // MARK: Run loop

    /// Exports until shut down (graceful shutdown drains the queue first); cancellation stops at once.
    public func run() async throws {
        let exporterService = exporter as? any Service
        let logger = self.logger
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { outer in
                if let exporterService {
                    // The exporter's own connection; it returns after `exporter.shutdown()`.
                    outer.addTask {
                        do {
                            try await exporterService.run()
                        } catch {
                            logger.warning("span exporter stopped", metadata: ["error": "\(error)"])
                        }
                    }
                }
                await withTaskGroup(of: Void.self) { inner in
                    inner.addTask { await self.runTimer() }
                    await self.runExportLoop()
                    inner.cancelAll()
                }
                if Task.isCancelled { outer.cancelAll() }
            }
        } onGracefulShutdown: {
            self.beginShutdown()
        }
        let leftover = state.withLock { $0.cancelled() }
        for continuation in leftover { continuation.resume() }
    }

    private func runTimer() async {
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: configuration.scheduleDelay)
            } catch {
                return
            }
            if state.withLock({ $0.tick() }) { wake.yield() }
        }
    }

    private func runExportLoop() async {
        var shutdownDeadline: C.Instant?
        for await _ in wakeUps {
            drain: while true {
                switch state.withLock({ $0.next() }) {
                case .export(let batch):
                    let draining = state.withLock { $0.isDraining }
                    if draining, shutdownDeadline == nil, let timeout = configuration.shutdownTimeout {
                        shutdownDeadline = clock.now.advanced(by: timeout)
                    }
                    await export(batch)
                    if draining, let deadline = shutdownDeadline, clock.now >= deadline {
                        abandonQueue()
                    }
                case .idle(let resume):
                    for continuation in resume { continuation.resume() }
                    break drain
                case .finish(let resume):
                    await exporter.shutdown()
                    for continuation in resume { continuation.resume() }
                    return
                }
            }
        }
    }

    /// The shutdown deadline passed: drop and count what is still queued.
    private func abandonQueue() {
        let dropped = state.withLock { $0.abandonQueue() }
        guard dropped > 0 else { return }
        metrics.spansDroppedShutdown.increment(by: dropped)
        logger.warning("shutdown timeout passed, queued spans dropped", metadata: ["spans": "\(dropped)"])
    }

    private func export(_ batch: [FinishedSpan]) async {
        let succeeded = await exportWithTimeout(batch)
        state.withLock { $0.exportFinished(spanCount: batch.count, succeeded: succeeded) }
        if succeeded {
            metrics.spansExported.increment(by: batch.count)
        } else {
            metrics.exportFailures.increment()
            metrics.spansExportFailed.increment(by: batch.count)
        }
    }

    private func exportWithTimeout(_ batch: [FinishedSpan]) async -> Bool {
        let exporter = self.exporter
        guard let timeout = configuration.exportTimeout else {
            do {
                try await exporter.export(batch)
                return true
            } catch {
                logger.warning("span export failed", metadata: ["error": "\(error)", "spans": "\(batch.count)"])
                return false
            }
        }
        let clock = self.clock
        let logger = self.logger
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    try await exporter.export(batch)
                    return true
                } catch {
                    logger.warning("span export failed", metadata: ["error": "\(error)", "spans": "\(batch.count)"])
                    return false
                }
            }
            group.addTask {
                do {
                    try await clock.sleep(for: timeout)
                    logger.warning("span export timed out", metadata: ["timeout": "\(timeout)"])
                    return false
                } catch {
                    return nil
                }
            }
            var result = false
            if let first = await group.next() { result = first ?? false }
            group.cancelAll()
            return result
        }
    }
}

extension BatchSpanProcessor where C == ContinuousClock {
    /// A processor on the continuous clock.
    public convenience init(
        exporter: any SpanExporter,
        configuration: BatchSpanProcessorConfiguration = .init(),
        logger: Logger = Logger(label: "cello.telemetry.batch"),
        metrics: SDKMetrics = SDKMetrics()
    ) {
        self.init(exporter: exporter, configuration: configuration, clock: ContinuousClock(), logger: logger, metrics: metrics)
    }
}
