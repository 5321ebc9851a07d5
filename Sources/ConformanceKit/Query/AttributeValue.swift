/// An attribute value with its OTLP type.
public enum AttributeValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([AttributeValue])
    case bytes([UInt8])
    case other

    /// The type name scenario files use (`string`, `int`, `double`, `bool`, `array`, `bytes`).
    public var typeName: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .double: "double"
        case .bool: "bool"
        case .array: "array"
        case .bytes: "bytes"
        case .other: "other"
        }
    }

    public var description: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .bytes(let bytes): "\(bytes.count) bytes"
        case .other: "?"
        }
    }
}
