import CelloOTLP
import Tracing

extension Opentelemetry_Proto_Common_V1_AnyValue {
    /// The OTLP value of a span attribute: scalars map to their own kind, arrays to `array_value` of scalars,
    /// `stringConvertible` to its description.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otel/common/#attribute (opentelemetry/proto/common/v1/common.proto).
    init(_ attribute: SpanAttribute) {
        self.init()
        switch attribute {
        case .int32(let value): self.value = .intValue(Int64(value))
        case .int64(let value): self.value = .intValue(value)
        case .double(let value): self.value = .doubleValue(value)
        case .bool(let value): self.value = .boolValue(value)
        case .string(let value): self.value = .stringValue(value)
        case .stringConvertible(let value): self.value = .stringValue(value.description)
        case .int32Array(let values): self.value = .arrayValue(.init(values.map { .intValue(Int64($0)) }))
        case .int64Array(let values): self.value = .arrayValue(.init(values.map { .intValue($0) }))
        case .doubleArray(let values): self.value = .arrayValue(.init(values.map { .doubleValue($0) }))
        case .boolArray(let values): self.value = .arrayValue(.init(values.map { .boolValue($0) }))
        case .stringArray(let values): self.value = .arrayValue(.init(values.map { .stringValue($0) }))
        case .stringConvertibleArray(let values):
            self.value = .arrayValue(.init(values.map { .stringValue($0.description) }))
        default:
            self.value = nil  // a case added to SpanAttribute later: sent as an empty value rather than guessed
        }
    }
}

extension Opentelemetry_Proto_Common_V1_ArrayValue {
    fileprivate init(_ values: [Opentelemetry_Proto_Common_V1_AnyValue.OneOf_Value]) {
        self.init()
        self.values = values.map { value in
            var anyValue = Opentelemetry_Proto_Common_V1_AnyValue()
            anyValue.value = value
            return anyValue
        }
    }
}

extension Array where Element == Opentelemetry_Proto_Common_V1_KeyValue {
    /// The OTLP key/value list of a set of attributes, sorted by key so that a batch always encodes the same way.
    init(_ attributes: SpanAttributes) {
        self.init()
        attributes.forEach { key, attribute in
            var keyValue = Opentelemetry_Proto_Common_V1_KeyValue()
            keyValue.key = key
            keyValue.value = Opentelemetry_Proto_Common_V1_AnyValue(attribute)
            self.append(keyValue)
        }
        self.sort { $0.key < $1.key }
    }
}
