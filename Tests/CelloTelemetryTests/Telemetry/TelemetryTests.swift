import CelloTelemetry
import CelloTelemetryTesting
import Logging
import MetricsTestKit
import Testing
import Tracing

@Suite("Telemetry factory")
struct TelemetryTests {
    /// Runs `telemetry.service` while `body` runs, then shuts it down through its `shutdown()`.
    private func withRunning<T>(_ telemetry: Telemetry, _ body: () async throws -> T) async throws -> T {
        let processor = try #require(telemetry.service as? BatchSpanProcessor<ContinuousClock>)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await processor.run() }
            let result = try await body()
            await processor.shutdown()
            try await group.waitForAll()
            return result
        }
    }

    @Test("spans flow from the tracer through the processor to the exporter, with the configured resource")
    func endToEnd() async throws {
        let exporter = InMemorySpanExporter()
        let telemetry = try Telemetry.make(
            config: OpenTelemetryConfig(serviceName: "orders", batchSize: 2),
            environment: ["OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=test"], exporter: exporter)
        try await withRunning(telemetry) {
            let parent = telemetry.tracer.startSpan("GET /orders/{id}", context: .topLevel, ofKind: .server)
            telemetry.tracer.withSpan("db.fetch_order", context: parent.context) { _ in }
            parent.end()
            await telemetry.forceFlush()
            let spans = exporter.finishedSpans
            #expect(spans.map(\.name) == ["db.fetch_order", "GET /orders/{id}"])
            #expect(spans[0].context.parentSpanID == spans[1].context.spanID)
            #expect(spans[1].resource.serviceName == "orders")
            #expect(spans[1].resource.attributes.get("deployment.environment") == .string("test"))
            #expect(spans[1].resource.attributes.get("telemetry.sdk.name") == .string("cello-telemetry"))
        }
        #expect(exporter.isShutdown)
    }

    @Test("samplingRate 0 creates non-recording spans that still propagate")
    func unsampled() throws {
        let telemetry = try Telemetry.make(
            config: OpenTelemetryConfig(serviceName: "s", samplingRate: 0, propagation: [.w3c, .b3, .jaeger]),
            environment: [:], exporter: InMemorySpanExporter())
        let span = telemetry.tracer.startSpan("root", context: .topLevel)
        #expect(!span.isRecording)
        var headers: [String: String] = [:]
        telemetry.tracer.inject(span.context, into: &headers, using: HeaderInjector())
        #expect(headers["traceparent"]?.hasSuffix("-02") == true)
        #expect(headers["b3"]?.hasSuffix("-0") == true)
        #expect(headers["uber-trace-id"]?.hasSuffix(":00") == true)
        span.end()
    }

    @Test("OTEL_SDK_DISABLED makes every span non-recording")
    func disabled() throws {
        let telemetry = try Telemetry.make(
            config: OpenTelemetryConfig(serviceName: "s"), environment: ["OTEL_SDK_DISABLED": "true"])
        #expect(telemetry.configuration.sdkDisabled)
        #expect(!telemetry.tracer.startSpan("x", context: .topLevel).isRecording)
    }

    @Test("a bad configuration is refused before anything starts")
    func refused() {
        #expect(throws: ConfigurationError.self) {
            _ = try Telemetry.make(config: OpenTelemetryConfig(serviceName: "s", samplingRate: 1.5), environment: [:])
        }
    }

    @Test("without an exporter the OTLP exporter the configuration names is built, without connecting",
          arguments: ["grpc", "http/protobuf", "http/json"])
    func otlpExporter(_ exportProtocol: String) throws {
        let telemetry = try Telemetry.make(
            config: OpenTelemetryConfig(serviceName: "s", otlpEndpoint: "http://127.0.0.1:1"),
            environment: ["OTEL_EXPORTER_OTLP_PROTOCOL": exportProtocol])
        #expect(telemetry.configuration.protocol.description == exportProtocol)
    }

    @Test("span.end() does not wait for a stalled exporter: overflow is dropped and counted")
    func endNeverBlocks() async throws {
        let registry = TestMetrics()
        let exporter = StallingExporter()
        var config = OpenTelemetryConfig(serviceName: "s", batchSize: 10)
        config.maxQueueSize = 100
        let telemetry = try Telemetry.make(
            config: config, environment: [:], exporter: exporter, metricsFactory: registry)
        let processor = try #require(telemetry.service as? BatchSpanProcessor<ContinuousClock>)
        let elapsed = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await processor.run() }
            let started = ContinuousClock.now
            for _ in 0..<10_000 { telemetry.tracer.startSpan("s", context: .topLevel).end() }
            let elapsed = ContinuousClock.now - started
            group.cancelAll()
            return elapsed
        }
        // 10,000 start+end in a debug build; a blocking end would never finish. Slack: 5 s.
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        let counts = processor.counts
        #expect(counts.accepted + counts.droppedQueueFull == 10_000)
        #expect(counts.droppedQueueFull >= 10_000 - 110)
        let dropped = try registry.expectCounter(SDKMetrics.spansDroppedLabel, [("reason", "queue_full")])
        #expect(dropped.totalValue == Int64(counts.droppedQueueFull))
    }
}
