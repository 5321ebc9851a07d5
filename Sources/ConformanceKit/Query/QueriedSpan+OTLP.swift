import CelloOTLP

extension QueriedSpan {
    /// Flattens OTLP `TracesData` (what an api_v3 `result` holds) into spans carrying their service name.
    static func spans(from data: Opentelemetry_Proto_Trace_V1_TracesData) -> [QueriedSpan] {
        var result: [QueriedSpan] = []
        for resourceSpans in data.resourceSpans {
            let service = resourceSpans.resource.attributes.first { $0.key == "service.name" }?.value.stringValue ?? ""
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    var attributes: [String: AttributeValue] = [:]
                    for attribute in span.attributes { attributes[attribute.key] = AttributeValue(attribute.value) }
                    result.append(
                        QueriedSpan(
                            traceID: Hex.encode(span.traceID), spanID: Hex.encode(span.spanID),
                            parentSpanID: span.parentSpanID.isEmpty ? nil : Hex.encode(span.parentSpanID),
                            name: span.name, kind: span.kind.rawValue, startNanos: span.startTimeUnixNano,
                            endNanos: span.endTimeUnixNano, service: service, attributes: attributes,
                            statusCode: span.status.code.rawValue, flags: span.flags, traceState: span.traceState))
                }
            }
        }
        return result
    }
}

extension AttributeValue {
    init(_ value: Opentelemetry_Proto_Common_V1_AnyValue) {
        switch value.value {
        case .stringValue(let text): self = .string(text)
        case .intValue(let number): self = .int(number)
        case .doubleValue(let number): self = .double(number)
        case .boolValue(let flag): self = .bool(flag)
        case .arrayValue(let array): self = .array(array.values.map(AttributeValue.init))
        case .bytesValue(let data): self = .bytes(Array(data))
        default: self = .other
        }
    }
}
