import CelloOTLP

/// Attribute rules of common.proto (keys are non-empty and unique within one list) and the collector's attribute
/// limits (at most `maxCount` attributes per list, values nested at most `maxValueDepth` deep).
struct AttributeCheck {
    static func check(_ attributes: [Opentelemetry_Proto_Common_V1_KeyValue], owner: @autoclosure () -> String,
                      limits: AttributeLimits = .default, into findings: inout FindingCollector) {
        guard !attributes.isEmpty else { return }
        if attributes.count > limits.maxCount {
            findings.add(.attributeCount, "an attribute list should hold at most \(limits.maxCount) attributes",
                         evidence: "\(owner()) has \(attributes.count) attributes")
        }
        for attribute in attributes
        where depth(of: attribute.value, countingUpTo: limits.maxValueDepth + 1) > limits.maxValueDepth {
            findings.add(.attributeValueDepth, "attribute values should nest at most \(limits.maxValueDepth) levels",
                         evidence: "\(owner()) attribute \(attribute.key.debugDescription) nests deeper than "
                             + "\(limits.maxValueDepth) levels")
        }
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

    /// The nesting depth of a value: 1 for a scalar or an empty array or kvlist, one more for each `array_value` or
    /// `kvlist_value` around the deepest element. Stops at `cap`, so a hostile value costs at most `cap` levels (the
    /// protobuf decoder's own depth limit bounds the recursion anyway).
    static func depth(of value: Opentelemetry_Proto_Common_V1_AnyValue, countingUpTo cap: Int) -> Int {
        guard cap > 1 else { return 1 }
        let children: [Opentelemetry_Proto_Common_V1_AnyValue]
        switch value.value {
        case .arrayValue(let array)?: children = array.values
        case .kvlistValue(let list)?: children = list.values.map(\.value)
        default: return 1
        }
        var deepest = 1
        for child in children {
            deepest = max(deepest, 1 + depth(of: child, countingUpTo: cap - 1))
            if deepest >= cap { break }
        }
        return deepest
    }

    private static func reportEmpty(_ owner: String, _ findings: inout FindingCollector) {
        findings.add(.attributeKeyEmpty, "attribute keys must be non-empty", evidence: "\(owner) has an empty key")
    }

    private static func reportDuplicate(_ key: String, _ owner: String, _ findings: inout FindingCollector) {
        findings.add(.attributeKeyDuplicate, "attribute keys must be unique within a list",
                     evidence: "\(owner) repeats key \(key.debugDescription)")
    }
}
