import CelloOTLP

extension Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest {
    /// One OTLP request for a batch: a `ResourceSpans` per distinct resource, inside it a `ScopeSpans` per
    /// distinct instrumentation scope, spans in batch order.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otlp/#otlpgrpc (opentelemetry/proto/collector/trace/v1).
    /// A batch nearly always has one resource and one scope, so groups are found by a linear search that checks
    /// the last group first; resources are compared by their attributes.
    init(batch: [FinishedSpan]) {
        self.init()
        var groups: [ResourceGroup] = []
        var last = -1
        for span in batch {
            if last < 0 || groups[last].resource.attributes != span.resource.attributes {
                if let found = groups.firstIndex(where: { $0.resource.attributes == span.resource.attributes }) {
                    last = found
                } else {
                    groups.append(ResourceGroup(resource: span.resource))
                    last = groups.count - 1
                }
            }
            groups[last].append(span)
        }
        resourceSpans = groups.map { $0.proto() }
    }
}

/// The spans of one resource, split by scope, while a request is being built.
private struct ResourceGroup {
    let resource: Resource
    var scopes: [(scope: InstrumentationScope, spans: [Opentelemetry_Proto_Trace_V1_Span])] = []

    init(resource: Resource) {
        self.resource = resource
    }

    mutating func append(_ span: FinishedSpan) {
        let converted = Opentelemetry_Proto_Trace_V1_Span(span)
        if let index = scopes.lastIndex(where: { $0.scope == span.instrumentationScope }) {
            scopes[index].spans.append(converted)
        } else {
            scopes.append((span.instrumentationScope, [converted]))
        }
    }

    func proto() -> Opentelemetry_Proto_Trace_V1_ResourceSpans {
        var resourceSpans = Opentelemetry_Proto_Trace_V1_ResourceSpans()
        resourceSpans.resource = .init(resource)
        resourceSpans.scopeSpans = scopes.map { group in
            var scopeSpans = Opentelemetry_Proto_Trace_V1_ScopeSpans()
            scopeSpans.scope = .init(group.scope)
            scopeSpans.spans = group.spans
            return scopeSpans
        }
        return resourceSpans
    }
}
