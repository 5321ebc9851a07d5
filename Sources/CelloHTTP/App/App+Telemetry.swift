import CelloTelemetry
import Foundation
import Logging
import Prometheus

/// Turning on OpenTelemetry tracing (cello-telemetry.md sections 1 and 3).
extension App {
    /// Traces every request (spec 3.1) and every call of `request.client` (spec 3.2) with the SDK configured by
    /// `config`; unset fields come from the OTEL_* variables of `environment`, then the defaults. The SDK's own
    /// counters go to the App's Prometheus registry. The exporter pipeline runs in the App's ServiceGroup and is
    /// flushed on graceful shutdown.
    ///
    /// - Parameter exporter: nil exports over OTLP as the configuration says; tests pass an in-memory exporter.
    /// - Throws: `ConfigurationError` naming the field or variable, the value and the allowed range; nothing is
    ///   enabled then.
    public func enableTelemetry(
        _ config: OpenTelemetryConfig,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        exporter: (any SpanExporter)? = nil,
        logger: Logger = Logger(label: "cello.telemetry")
    ) throws {
        let telemetry = try Telemetry.make(
            config: config,
            environment: environment,
            exporter: exporter,
            logger: logger,
            metricsFactory: PrometheusMetricsFactory(registry: self.prometheusRegistry)
        )
        let configuration = telemetry.configuration
        self.enableTracing(
            AppTracing(
                tracer: telemetry.tracer,
                serviceName: configuration.serviceName,
                seedAttributes: configuration.attributeSet.includesCello,
                stableAttributes: configuration.attributeSet.includesStable,
                service: telemetry.service,
                forceFlush: { await telemetry.forceFlush() }
            )
        )
    }
}
