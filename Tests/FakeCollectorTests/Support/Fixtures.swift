import CelloOTLP
import FakeCollector
import Foundation

/// Builds OTLP requests for the tests: random valid ids, a service name, N spans.
enum Fixtures {
    static func randomBytes(_ count: Int) -> Data {
        var data = Data((0..<count).map { _ in UInt8.random(in: 0...255) })
        data[0] |= 1  // never all zero
        return data
    }

    static func span(traceID: Data, name: String = "op", parent: Data = Data(), startNanos: UInt64 = 1_700_000_000_000_000_000,
                     kind: Opentelemetry_Proto_Trace_V1_Span.SpanKind = .server) -> Opentelemetry_Proto_Trace_V1_Span {
        var span = Opentelemetry_Proto_Trace_V1_Span()
        span.traceID = traceID
        span.spanID = randomBytes(8)
        span.parentSpanID = parent
        span.name = name
        span.kind = kind
        span.startTimeUnixNano = startNanos
        span.endTimeUnixNano = startNanos + 1_000_000
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = "http.route"
        attribute.value.stringValue = "/\(name)"
        span.attributes = [attribute]
        return span
    }

    static func resourceSpans(service: String?, spans: [Opentelemetry_Proto_Trace_V1_Span])
        -> Opentelemetry_Proto_Trace_V1_ResourceSpans
    {
        var resourceSpans = Opentelemetry_Proto_Trace_V1_ResourceSpans()
        if let service {
            var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
            attribute.key = "service.name"
            attribute.value.stringValue = service
            resourceSpans.resource.attributes = [attribute]
        }
        var scopeSpans = Opentelemetry_Proto_Trace_V1_ScopeSpans()
        scopeSpans.scope.name = "fixtures"
        scopeSpans.spans = spans
        resourceSpans.scopeSpans = [scopeSpans]
        return resourceSpans
    }

    /// One trace of `spanCount` spans (a root and its children) from `service`.
    static func traceRequest(service: String? = "svc", spanCount: Int = 3, traceID: Data = randomBytes(16),
                             startNanos: UInt64 = 1_700_000_000_000_000_000)
        -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
    {
        let root = span(traceID: traceID, name: "root", startNanos: startNanos)
        let children = (1..<max(spanCount, 1)).map {
            span(traceID: traceID, name: "child\($0)", parent: root.spanID, startNanos: startNanos + 10, kind: .client)
        }
        var request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest()
        request.resourceSpans = [resourceSpans(service: service, spans: [root] + children)]
        return request
    }

    static func metricsRequest(points: Int) -> Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest {
        var gauge = Opentelemetry_Proto_Metrics_V1_Gauge()
        gauge.dataPoints = (0..<points).map { index in
            var point = Opentelemetry_Proto_Metrics_V1_NumberDataPoint()
            point.timeUnixNano = 1_700_000_000_000_000_000
            point.asDouble = Double(index)
            return point
        }
        var metric = Opentelemetry_Proto_Metrics_V1_Metric()
        metric.name = "m"
        metric.gauge = gauge
        var scope = Opentelemetry_Proto_Metrics_V1_ScopeMetrics()
        scope.metrics = [metric]
        var resource = Opentelemetry_Proto_Metrics_V1_ResourceMetrics()
        resource.scopeMetrics = [scope]
        var request = Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest()
        request.resourceMetrics = [resource]
        return request
    }

    static func logsRequest(records: Int) -> Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest {
        var scope = Opentelemetry_Proto_Logs_V1_ScopeLogs()
        scope.logRecords = (0..<records).map { _ in
            var record = Opentelemetry_Proto_Logs_V1_LogRecord()
            record.timeUnixNano = 1_700_000_000_000_000_000
            record.body.stringValue = "hello"
            return record
        }
        var resource = Opentelemetry_Proto_Logs_V1_ResourceLogs()
        resource.scopeLogs = [scope]
        var request = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest()
        request.resourceLogs = [resource]
        return request
    }

    static func configuration() -> FakeCollectorConfiguration {
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        return configuration
    }
}
