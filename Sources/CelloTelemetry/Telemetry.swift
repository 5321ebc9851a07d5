import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// The tracing backend an application runs: a tracer to pass around (or bootstrap itself) and the service that
/// exports, to run in the application's `ServiceGroup`. Nothing global is touched.
///
/// Spec: docs/cello-telemetry.md sections 1, 2 and 4.
public struct Telemetry: Sendable {
    /// Starts spans; extracts and injects with the configured propagation formats.
    public let tracer: CelloTracer
    /// The batch span processor (and the exporter's connection): graceful shutdown exports everything queued.
    public let service: any Service
    /// The validated configuration.
    public let configuration: ResolvedTelemetryConfiguration
    private let processor: BatchSpanProcessor<ContinuousClock>

    /// Resolves `config` over `environment`, builds the exporter (the OTLP exporter the configuration names when
    /// `exporter` is nil), the batch processor and the tracer.
    /// - Throws: ``ConfigurationError`` for a bad value; the exporter factory's error for an unusable endpoint.
    public static func make(
        config: OpenTelemetryConfig,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        exporter: (any SpanExporter)? = nil,
        logger: Logger = Logger(label: "cello.telemetry"),
        metricsFactory: (any MetricsFactory)? = nil
    ) throws -> Telemetry {
        let configuration = try config.resolve(environment: environment)
        let metrics = SDKMetrics(factory: metricsFactory)
        let spanExporter: any SpanExporter
        if let exporter {
            spanExporter = exporter
        } else if configuration.sdkDisabled {
            spanExporter = DiscardingSpanExporter()
        } else {
            spanExporter = try OTLPSpanExporter.make(
                configuration: configuration, logger: logger, metricsFactory: metricsFactory)
        }
        let processor = BatchSpanProcessor(
            exporter: spanExporter, configuration: BatchSpanProcessorConfiguration(configuration), logger: logger,
            metrics: metrics)
        let sampler: any Sampler = configuration.sdkDisabled ? AlwaysOffSampler() : configuration.sampler.makeSampler()
        let tracer = CelloTracer(
            sampler: sampler, propagator: CompositePropagator(configuration.propagation), processor: processor,
            resource: configuration.resource, metrics: metrics)
        logger.debug(
            "telemetry configured",
            metadata: [
                "service": "\(configuration.serviceName)", "endpoint": "\(configuration.otlpEndpoint)",
                "protocol": "\(configuration.protocol)", "sampler": "\(configuration.sampler)",
                "disabled": "\(configuration.sdkDisabled)",
            ])
        return Telemetry(tracer: tracer, service: processor, configuration: configuration, processor: processor)
    }

    /// Waits until every span ended so far went through an export. Needs `service` to be running.
    public func forceFlush() async {
        await processor.forceFlush()
    }

    /// What the batch processor did so far (accepted, dropped, exported, failed).
    public var processorCounts: BatchSpanProcessorCounts {
        processor.counts
    }
}
