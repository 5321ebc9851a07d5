import Logging
import Metrics

/// Builds the OTLP span exporter a resolved configuration names.
///
/// Spec: docs/cello-telemetry.md sections 1 (`protocol`, `otlpEndpoint`, `headers`, `compression`,
/// `exportTimeoutMs`) and 4.
public enum OTLPSpanExporter {
    /// The exporter for `configuration.protocol`: ``OTLPGRPCSpanExporter`` for `grpc`, ``OTLPHTTPSpanExporter``
    /// for `http/protobuf` and `http/json` (whose `otlpEndpoint` is already the full traces URL).
    ///
    /// The gRPC exporter is also a `Service`: whoever runs the exporter (the batch processor) should run its
    /// `run()` alongside, and call `shutdown()` after the last export. Without `run()`, each export connects anew.
    /// - Throws: ``OTLPExportError`` with code `invalidEndpoint` when the endpoint is not an http(s) URL.
    public static func make(
        configuration: ResolvedTelemetryConfiguration,
        logger: Logger,
        metricsFactory: (any MetricsFactory)? = nil
    ) throws -> any SpanExporter {
        let exporterConfiguration = OTLPExporterConfiguration(configuration)
        switch configuration.protocol {
        case .httpProtobuf:
            return try OTLPHTTPSpanExporter(
                configuration: exporterConfiguration, encoding: .protobuf, logger: logger, metricsFactory: metricsFactory)
        case .httpJSON:
            return try OTLPHTTPSpanExporter(
                configuration: exporterConfiguration, encoding: .json, logger: logger, metricsFactory: metricsFactory)
        default:
            return try OTLPGRPCSpanExporter(
                configuration: exporterConfiguration, logger: logger, metricsFactory: metricsFactory)
        }
    }
}

extension OTLPExporterConfiguration {
    /// The exporter settings of a resolved configuration (default retry policy).
    public init(_ configuration: ResolvedTelemetryConfiguration) {
        self.init(
            endpoint: configuration.otlpEndpoint,
            headers: configuration.headers,
            gzip: configuration.compression == .gzip,
            timeout: .milliseconds(configuration.exportTimeoutMs)
        )
    }
}
