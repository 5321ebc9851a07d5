import CelloOTLP
import Foundation

/// The batch every stream sends: 512 spans in 64 traces of 8 (a root server span and its client children), each
/// with five attributes, as a batch span processor would send them.
enum LoadRequest {
    static let spansPerBatch = 512
    static let spansPerTrace = 8

    static func make() -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest {
        var scopeSpans = Opentelemetry_Proto_Trace_V1_ScopeSpans()
        scopeSpans.scope.name = "cello-collector-benchmark"
        for traceIndex in 0..<(spansPerBatch / spansPerTrace) {
            let traceID = randomID(16)
            let rootID = randomID(8)
            for spanIndex in 0..<spansPerTrace {
                var span = Opentelemetry_Proto_Trace_V1_Span()
                span.traceID = traceID
                span.spanID = spanIndex == 0 ? rootID : randomID(8)
                if spanIndex > 0 { span.parentSpanID = rootID }
                span.name = spanIndex == 0 ? "GET /api/users/{id}" : "SELECT users"
                span.kind = spanIndex == 0 ? .server : .client
                span.startTimeUnixNano = 1_700_000_000_000_000_000 + UInt64(traceIndex * 1_000 + spanIndex)
                span.endTimeUnixNano = span.startTimeUnixNano + 1_250_000
                span.attributes = [
                    attribute("http.request.method", string: "GET"),
                    attribute("url.path", string: "/api/users/\(traceIndex)"),
                    attribute("http.route", string: "/api/users/{id}"),
                    attribute("http.response.status_code", int: 200),
                    attribute("server.address", string: "127.0.0.1"),
                ]
                scopeSpans.spans.append(span)
            }
        }
        var resourceSpans = Opentelemetry_Proto_Trace_V1_ResourceSpans()
        resourceSpans.resource.attributes = [attribute("service.name", string: "bench")]
        resourceSpans.scopeSpans = [scopeSpans]
        var request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest()
        request.resourceSpans = [resourceSpans]
        return request
    }

    private static func randomID(_ count: Int) -> Data {
        var bytes = (0..<count).map { _ in UInt8.random(in: 0...255) }
        bytes[0] |= 1
        return Data(bytes)
    }

    private static func attribute(_ key: String, string: String) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var keyValue = Opentelemetry_Proto_Common_V1_KeyValue()
        keyValue.key = key
        keyValue.value.stringValue = string
        return keyValue
    }

    private static func attribute(_ key: String, int: Int64) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var keyValue = Opentelemetry_Proto_Common_V1_KeyValue()
        keyValue.key = key
        keyValue.value.intValue = int
        return keyValue
    }
}
