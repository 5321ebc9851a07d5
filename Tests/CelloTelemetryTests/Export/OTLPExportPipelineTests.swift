import CelloOTLP
@testable import CelloTelemetry
import Foundation
import Logging
import ServiceLifecycle
import Testing
import Tracing

/// The OTLP/gRPC exporter behind the SDK's batch processor (`Telemetry.make`), against the in-process collector.
@Suite("OTLP export pipeline")
struct OTLPExportPipelineTests {
    private func telemetry(endpoint: String, exportTimeoutMs: Int, batchSize: Int) throws -> Telemetry {
        var config = OpenTelemetryConfig(
            serviceName: "pipeline-tests", otlpEndpoint: endpoint, samplingRate: 1.0,
            exportTimeoutMs: exportTimeoutMs, batchSize: batchSize)
        config.scheduleDelayMs = 50
        return try Telemetry.make(config: config, environment: [:], logger: Logger(label: "test.pipeline"))
    }

    private func endSpans(_ tracer: CelloTracer, count: Int) -> Duration {
        let clock = ContinuousClock()
        return clock.measure {
            for index in 0..<count {
                let span = tracer.startSpan("work-\(index)", context: .topLevel, ofKind: .internal)
                span.attributes["index"] = index
                span.end()
            }
        }
    }

    @Test("a stalled collector fails one batch at exportTimeoutMs, span.end() is not slowed, later batches arrive")
    func stalledCollector() async throws {
        let service = TestTraceService(script: [.stall])
        try await withTestTraceServer(service) { endpoint in
            let telemetry = try telemetry(endpoint: endpoint, exportTimeoutMs: 1500, batchSize: 5)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await telemetry.service.run() }
                _ = endSpans(telemetry.tracer, count: 5)
                var events = service.events.makeAsyncIterator()
                _ = await events.next()  // the first batch reached the collector, which now stalls
                let stalledAt = ContinuousClock.now
                // While the export hangs, 500 more spans end without waiting for it.
                let endTime = endSpans(telemetry.tracer, count: 500)
                #expect(endTime < .milliseconds(1000), "ending 500 spans took \(endTime)")  // well under the 1.5 s stall
                await telemetry.forceFlush()
                let flushed = ContinuousClock.now - stalledAt
                // The stalled export ends at its deadline; 1.5 s of slack for the 100 batches after it.
                #expect(flushed >= .milliseconds(1400) && flushed < .milliseconds(3000), "flush took \(flushed)")
                let counts = telemetry.processorCounts
                #expect(counts.failedExports == 1)
                #expect(counts.failedSpans == 5)
                #expect(counts.exportedSpans == 500)
                group.cancelAll()
            }
        }
        let delivered = service.received.dropFirst().flatMap { $0.request.resourceSpans }.flatMap(\.scopeSpans)
            .flatMap(\.spans)
        #expect(delivered.count == 500)
        #expect(Set(delivered.map(\.spanID)).count == 500)
    }

    @Test("a collector that is down does not slow span.end(); its batches are counted as failed")
    func collectorDown() async throws {
        let endpoint = try await withTestTraceServer(TestTraceService()) { $0 }  // nothing listens there now
        let telemetry = try telemetry(endpoint: endpoint, exportTimeoutMs: 1000, batchSize: 100)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await telemetry.service.run() }
            let endTime = endSpans(telemetry.tracer, count: 200)
            #expect(endTime < .milliseconds(500), "ending 200 spans took \(endTime)")  // an export retries for up to 1 s
            await telemetry.forceFlush()
            let counts = telemetry.processorCounts
            #expect(counts.failedSpans + counts.droppedQueueFull == 200)
            #expect(counts.exportedSpans == 0)
            group.cancelAll()
        }
    }
}
