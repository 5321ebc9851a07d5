import CelloOTLP

/// Resource and scope rules: `service.name` present as a non-empty string (semantic conventions, resource SDK
/// https://opentelemetry.io/docs/specs/semconv/resource/#service); scope name set (common.proto).
struct ResourceCheck {
    /// Returns the resource's `service.name`, or nil when missing.
    @discardableResult
    static func check(_ resourceSpans: Opentelemetry_Proto_Trace_V1_ResourceSpans,
                      attributeLimits: AttributeLimits = .default, into findings: inout FindingCollector) -> String? {
        let serviceName = Self.serviceName(resourceSpans.resource)
        if serviceName == nil {
            let keys = resourceSpans.resource.attributes.map(\.key).joined(separator: ",")
            findings.add(.resourceServiceName, "the resource must carry a non-empty string service.name",
                         evidence: "resource attributes: [\(keys)]")
        }
        AttributeCheck.check(resourceSpans.resource.attributes, owner: "resource", limits: attributeLimits,
                             into: &findings)
        for scopeSpans in resourceSpans.scopeSpans {
            if scopeSpans.scope.name.isEmpty, !scopeSpans.spans.isEmpty {
                findings.add(.scopeName, "the instrumentation scope name should be set",
                             evidence: "scope with \(scopeSpans.spans.count) spans has an empty name")
            }
            AttributeCheck.check(scopeSpans.scope.attributes, owner: "scope", limits: attributeLimits, into: &findings)
        }
        return serviceName
    }

    static func serviceName(_ resource: Opentelemetry_Proto_Resource_V1_Resource) -> String? {
        for attribute in resource.attributes where attribute.key == "service.name" {
            if case .stringValue(let name)? = attribute.value.value, !name.isEmpty { return name }
        }
        return nil
    }
}
