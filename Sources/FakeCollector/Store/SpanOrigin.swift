import CelloOTLP

/// The resource and scope a group of stored spans came with, shared by reference so a batch of spans from one
/// `ScopeSpans` costs one copy.
final class SpanOrigin: Sendable {
    let resource: Opentelemetry_Proto_Resource_V1_Resource
    let resourceSchemaURL: String
    let scope: Opentelemetry_Proto_Common_V1_InstrumentationScope
    let scopeSchemaURL: String
    let serviceName: String

    init(resourceSpans: Opentelemetry_Proto_Trace_V1_ResourceSpans, scopeSpans: Opentelemetry_Proto_Trace_V1_ScopeSpans) {
        self.resource = resourceSpans.resource
        self.resourceSchemaURL = resourceSpans.schemaURL
        self.scope = scopeSpans.scope
        self.scopeSchemaURL = scopeSpans.schemaURL
        self.serviceName = ResourceCheck.serviceName(resourceSpans.resource) ?? ""
    }
}
