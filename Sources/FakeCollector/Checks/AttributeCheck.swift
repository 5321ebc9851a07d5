import CelloOTLP

/// Attribute rules of common.proto: keys are non-empty and unique within one list.
struct AttributeCheck {
    static func check(_ attributes: [Opentelemetry_Proto_Common_V1_KeyValue], owner: @autoclosure () -> String,
                      into findings: inout FindingCollector) {
        guard !attributes.isEmpty else { return }
        if attributes.count <= 16 {
            // Small lists (the common case): a quadratic scan allocates nothing.
            for (index, attribute) in attributes.enumerated() {
                if attribute.key.isEmpty { reportEmpty(owner(), &findings) }
                for other in attributes[(index + 1)...] where other.key == attribute.key && !attribute.key.isEmpty {
                    reportDuplicate(attribute.key, owner(), &findings)
                }
            }
            return
        }
        var seen = Set<String>()
        for attribute in attributes {
            if attribute.key.isEmpty { reportEmpty(owner(), &findings) }
            if !seen.insert(attribute.key).inserted, !attribute.key.isEmpty {
                reportDuplicate(attribute.key, owner(), &findings)
            }
        }
    }

    private static func reportEmpty(_ owner: String, _ findings: inout FindingCollector) {
        findings.add(.attributeKeyEmpty, "attribute keys must be non-empty", evidence: "\(owner) has an empty key")
    }

    private static func reportDuplicate(_ key: String, _ owner: String, _ findings: inout FindingCollector) {
        findings.add(.attributeKeyDuplicate, "attribute keys must be unique within a list",
                     evidence: "\(owner) repeats key \(key.debugDescription)")
    }
}
