import CelloOTLP

/// Renders an OTLP attribute value as the plain string a query's `attributes` filter compares against.
enum AttributeText {
    static func render(_ value: Opentelemetry_Proto_Common_V1_AnyValue) -> String {
        switch value.value {
        case .stringValue(let text): text
        case .boolValue(let flag): flag ? "true" : "false"
        case .intValue(let number): String(number)
        case .doubleValue(let number): String(number)
        case .bytesValue(let bytes): HexID.encode(bytes)
        case .arrayValue(let array): "[" + array.values.map(render).joined(separator: ",") + "]"
        case .kvlistValue(let list): "{" + list.values.map { "\($0.key)=\(render($0.value))" }.joined(separator: ",") + "}"
        case .stringValueStrindex(let index): "strindex:\(index)"
        case nil: ""
        }
    }
}
