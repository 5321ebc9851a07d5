import CelloOTLP

/// The api_v3 trace body: OTLP-JSON `TracesData` inside `{"result": ...}` (docs/cello-telemetry.md section 6), with
/// the spans of every trace given, grouped back into their resource and scope.
enum TraceResultBody {
    static func encode(_ traces: [StoredTrace]) -> [UInt8] {
        var data = Opentelemetry_Proto_Trace_V1_TracesData()
        var groupIndex: [ObjectIdentifier: Int] = [:]
        var groups: [(origin: SpanOrigin, spans: [Opentelemetry_Proto_Trace_V1_Span])] = []
        for trace in traces {
            for stored in trace.spans {
                let key = ObjectIdentifier(stored.origin)
                if let index = groupIndex[key] {
                    groups[index].spans.append(stored.span)
                } else {
                    groupIndex[key] = groups.count
                    groups.append((stored.origin, [stored.span]))
                }
            }
        }
        data.resourceSpans = groups.map { group in
            var scopeSpans = Opentelemetry_Proto_Trace_V1_ScopeSpans()
            scopeSpans.scope = group.origin.scope
            scopeSpans.schemaURL = group.origin.scopeSchemaURL
            scopeSpans.spans = group.spans
            var resourceSpans = Opentelemetry_Proto_Trace_V1_ResourceSpans()
            resourceSpans.resource = group.origin.resource
            resourceSpans.schemaURL = group.origin.resourceSchemaURL
            resourceSpans.scopeSpans = [scopeSpans]
            return resourceSpans
        }
        let inner = (try? OTLPJSON.encode(data)) ?? Array(#"{"resourceSpans":[]}"#.utf8)
        return Array(#"{"result":"#.utf8) + inner + Array("}".utf8)
    }

    /// Jaeger's not-found body.
    static var notFound: [String: Any] { ["error": ["httpCode": 404, "message": "No traces found"]] }
}
