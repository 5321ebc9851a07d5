import CelloTelemetry
import CelloTelemetryTesting
import Metrics
import MetricsTestKit
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

@Suite("BatchSpanProcessor")
struct BatchSpanProcessorTests {
    typealias Processor = BatchSpanProcessor<ManualClock>

    private func makeProcessor(
        exporter: any SpanExporter, queue: Int = 2048, batch: Int = 10, delay: Duration = .seconds(5),
        exportTimeout: Duration? = nil, clock: ManualClock = ManualClock(), metrics: SDKMetrics = SDKMetrics()
    ) -> Processor {
        BatchSpanProcessor(
            exporter: exporter,
            configuration: BatchSpanProcessorConfiguration(
                maxQueueSize: queue, batchSize: batch, scheduleDelay: delay, exportTimeout: exportTimeout),
            clock: clock, metrics: metrics)
    }

    /// Runs the processor while `body` runs, then shuts it down and waits for `run()` to return.
    private func withRunning<T>(_ processor: Processor, _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await processor.run() }
            let result = try await body()
            await processor.shutdown()
            try await group.waitForAll()
            return result
        }
    }

    @Test("full batches go out without waiting for the delay, each at most batchSize")
    func fullBatches() async throws {
        let exporter = InMemorySpanExporter()
        let processor = makeProcessor(exporter: exporter, batch: 10)
        try await withRunning(processor) {
            for span in SpanFactory.spans(95) { processor.onEnd(span) }
            let exported = await exporter.waitForSpans(count: 90)
            #expect(exported.count >= 90)
            #expect(exporter.batchSizes.allSatisfy { $0 == 10 })
            await processor.forceFlush()
            #expect(exporter.finishedSpans.count == 95)
        }
        #expect(exporter.batchSizes.allSatisfy { $0 <= 10 })
        #expect(exporter.batchSizes.reduce(0, +) == 95)
        #expect(exporter.maxConcurrentExports == 1)
    }

    @Test("a full queue drops and counts exactly the overflow")
    func queueFull() async throws {
        let registry = TestMetrics()
        let exporter = InMemorySpanExporter()
        let processor = makeProcessor(exporter: exporter, queue: 50, batch: 50, metrics: SDKMetrics(factory: registry))
        // Not running yet: nothing drains, so exactly 30 of 80 are over the bound.
        for span in SpanFactory.spans(80) { processor.onEnd(span) }
        #expect(processor.counts.accepted == 50)
        #expect(processor.counts.droppedQueueFull == 30)
        #expect(
            try registry.expectCounter(SDKMetrics.spansDroppedLabel, [("reason", "queue_full")]).totalValue == 30)
        try await withRunning(processor) {
            _ = await exporter.waitForSpans(count: 50)
        }
        #expect(exporter.finishedSpans.count == 50)
        #expect(try registry.expectCounter(SDKMetrics.spansExportedLabel).totalValue == 50)
    }

    @Test("shutdown exports every queued span", arguments: [1, 63, 64, 1000])
    func shutdownDrains(_ count: Int) async throws {
        let exporter = InMemorySpanExporter()
        let processor = makeProcessor(exporter: exporter, queue: 1000, batch: 64, delay: .seconds(3600))
        for span in SpanFactory.spans(count) { processor.onEnd(span) }
        try await withRunning(processor) {}
        #expect(exporter.finishedSpans.count == count)
        #expect(exporter.batchSizes.allSatisfy { $0 <= 64 })
        #expect(exporter.isShutdown)
        #expect(processor.counts.exportedSpans == UInt64(count))
    }

    @Test("graceful shutdown of the service drains the queue")
    func gracefulShutdown() async throws {
        let exporter = InMemorySpanExporter()
        let processor = makeProcessor(exporter: exporter, queue: 500, batch: 100, delay: .seconds(3600))
        for span in SpanFactory.spans(250) { processor.onEnd(span) }
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await processor.run() }
                _ = await exporter.waitForSpans(count: 200)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(exporter.finishedSpans.count == 250)
        #expect(exporter.batchSizes == [100, 100, 50])
    }

    @Test("spans ended after shutdown are dropped and counted")
    func afterShutdown() async throws {
        let registry = TestMetrics()
        let exporter = InMemorySpanExporter()
        let processor = makeProcessor(exporter: exporter, metrics: SDKMetrics(factory: registry))
        try await withRunning(processor) {}
        for span in SpanFactory.spans(7) { processor.onEnd(span) }
        #expect(processor.counts.droppedAfterShutdown == 7)
        #expect(try registry.expectCounter(SDKMetrics.spansDroppedLabel, [("reason", "shutdown")]).totalValue == 7)
        #expect(exporter.finishedSpans.isEmpty)
    }

    @Test("a partial batch goes out when the schedule delay has passed on the clock")
    func scheduleDelay() async throws {
        let clock = ManualClock()
        let exporter = InMemorySpanExporter()
        let processor = makeProcessor(exporter: exporter, batch: 100, delay: .seconds(5), clock: clock)
        try await withRunning(processor) {
            for span in SpanFactory.spans(3) { processor.onEnd(span) }
            await clock.waitForSleepers(count: 1)
            #expect(exporter.finishedSpans.isEmpty)
            clock.advance(by: .seconds(4))
            #expect(processor.queuedCount == 3)
            clock.advance(by: .seconds(1))
            let exported = await exporter.waitForSpans(count: 3)
            #expect(exported.count == 3)
            #expect(exporter.batchSizes == [3])
        }
    }

    @Test("a failed export is counted and the next batch still goes out")
    func failedExport() async throws {
        let registry = TestMetrics()
        let exporter = InMemorySpanExporter()
        exporter.failNextExports(1)
        let processor = makeProcessor(exporter: exporter, batch: 5, metrics: SDKMetrics(factory: registry))
        try await withRunning(processor) {
            for span in SpanFactory.spans(10) { processor.onEnd(span) }
            _ = await exporter.waitForSpans(count: 5)
            await processor.forceFlush()
        }
        #expect(processor.counts.failedExports == 1)
        #expect(processor.counts.failedSpans == 5)
        #expect(processor.counts.exportedSpans == 5)
        #expect(try registry.expectCounter(SDKMetrics.exportFailuresLabel).totalValue == 1)
        #expect(try registry.expectCounter(SDKMetrics.spansExportFailedLabel).totalValue == 5)
    }

    @Test("an export that never returns is cut at the export timeout and the next batch goes out")
    func exportTimeout() async throws {
        let clock = ManualClock()
        let exporter = StallingExporter()
        let processor = makeProcessor(
            exporter: exporter, batch: 2, delay: .seconds(3600), exportTimeout: .seconds(1), clock: clock)
        try await withRunning(processor) {
            for span in SpanFactory.spans(4) { processor.onEnd(span) }
            // The schedule timer and the export timeout are asleep: the first export has started.
            await clock.waitForSleepers(count: 2)
            clock.advance(by: .seconds(1))
            _ = await exporter.inner.waitForSpans(count: 2)
        }
        #expect(processor.counts.failedExports == 1)
        #expect(processor.counts.exportedSpans == 2)
    }

    @Test("shutdown stops exporting at its deadline and counts what it dropped")
    func shutdownDeadline() async throws {
        let clock = ManualClock()
        let processor = BatchSpanProcessor(
            exporter: NeverAnsweringExporter(),
            configuration: BatchSpanProcessorConfiguration(
                maxQueueSize: 100, batchSize: 1, scheduleDelay: .seconds(3600), exportTimeout: .seconds(1),
                shutdownTimeout: .seconds(2)),
            clock: clock)
        for span in SpanFactory.spans(10) { processor.onEnd(span) }
        try await testGracefulShutdown { trigger in
            // Shutdown is requested before the first export, so the deadline starts with it.
            trigger.triggerGracefulShutdown()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await processor.run() }
                for _ in 0..<2 {
                    // The schedule timer and one export timeout are asleep.
                    await clock.waitForSleepers(count: 2)
                    clock.advance(by: .seconds(1))
                }
                try await group.waitForAll()
            }
        }
        #expect(processor.counts.failedExports == 2)
        #expect(processor.counts.droppedAfterShutdown == 8)
    }

    @Test("forceFlush returns at once when nothing is queued")
    func emptyFlush() async throws {
        let exporter = InMemorySpanExporter()
        let processor = makeProcessor(exporter: exporter)
        await processor.forceFlush()
        #expect(exporter.batchSizes.isEmpty)
    }
}

/// An exporter whose first export never finishes until cancelled; later exports go to an in-memory exporter.
final class StallingExporter: SpanExporter {
    let inner = InMemorySpanExporter()
    private let clock = ManualClock()
    private let stalled = Mutex(false)

    func export(_ batch: [FinishedSpan]) async throws {
        let stall = stalled.withLock { stalled in
            defer { stalled = true }
            return !stalled
        }
        if stall {
            // Waits on a clock nobody advances: only cancellation ends it.
            try await clock.sleep(for: .seconds(1_000_000))
        }
        try await inner.export(batch)
    }

    func forceFlush() async throws {}
    func shutdown() async {}
}

/// An exporter that never answers: every export waits until cancelled.
struct NeverAnsweringExporter: SpanExporter {
    private let clock = ManualClock()

    func export(_ batch: [FinishedSpan]) async throws {
        try await clock.sleep(for: .seconds(1_000_000))
    }

    func forceFlush() async throws {}
    func shutdown() async {}
}
