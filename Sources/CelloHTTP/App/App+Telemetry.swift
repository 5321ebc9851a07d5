import CelloTelemetry
import Instrumentation
import Foundation
import Logging
import Prometheus
import Synchronization

/// Turning on OpenTelemetry tracing (docs/cello-telemetry.md sections 1 and 3).
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

extension App {
    /// Makes this app's tracer the process-wide one of swift-distributed-tracing, so that the global
    /// `withSpan(...)` and every library instrumented for that API (docs/cello-telemetry.md section 3.3) report into
    /// this app's traces.
    ///
    /// The process-wide tracer is the application's choice: call this once from an executable's `main`, after
    /// ``enableTelemetry(_:environment:exporter:logger:)``. Tests pass tracers explicitly and never call it.
    /// - Throws: ``AppError`` when telemetry is not enabled.
    public func bootstrapInstrumentationSystem() throws {
        guard let tracer = self.state.withLock({ $0.tracing?.tracer }) else {
            throw AppError(.telemetryNotEnabled, "enableTelemetry must run before bootstrapInstrumentationSystem")
        }
        InstrumentationSystem.bootstrap(tracer)
    }
}

extension App {
    /// Whether ``enableTelemetry(_:environment:exporter:logger:)`` has run.
    public var isTelemetryEnabled: Bool { self.state.withLock { $0.tracing != nil } }
}
