/// Checks an OTLP/JSON document field by field and turns it into the proto3 JSON swift-protobuf reads:
/// hex ids become base64, everything else is kept as written.
///
/// Every refusal names the field's path, so an exporter's author sees which span broke the request.
struct OTLPJSONNormalizer {
    func normalize(_ value: JSONValue, path: String) throws(OTLPJSONError) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [(key: String, value: JSONValue)] = []
            out.reserveCapacity(members.count)
            for member in members {
                let memberPath = path.isEmpty ? member.key : "\(path).\(member.key)"
                out.append((member.key, try check(member.value, kind: OTLPJSONSchema.kind(of: member.key), path: memberPath)))
            }
            return .object(out)
        case .array(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                out.append(try normalize(item, path: "\(path)[\(index)]"))
            }
            return .array(out)
        default:
            return value
        }
    }

    private func check(_ value: JSONValue, kind: OTLPJSONSchema.Kind?, path: String) throws(OTLPJSONError) -> JSONValue {
        // proto3 JSON: null means "the default value" for every field.
        if case .null = value { return value }
        guard let kind else { return try normalize(value, path: path) }
        switch kind {
        case .id(let byteCount):
            return try hexID(value, byteCount: byteCount, path: path)
        case .integer:
            try integer(value, path: path)
            return value
        case .enumeration:
            switch value {
            case .number, .string:
                if case .number = value { try integer(value, path: path) }
                return value
            default: throw wrongType(value, expected: "an integer enum value", path: path)
            }
        case .string:
            guard case .string = value else { throw wrongType(value, expected: "a string", path: path) }
            return value
        case .bool:
            guard case .bool = value else { throw wrongType(value, expected: "a boolean", path: path) }
            return value
        case .double:
            try double(value, path: path)
            return value
        case .object:
            guard case .object = value else { throw wrongType(value, expected: "an object", path: path) }
            return try normalize(value, path: path)
        case .objectOrDouble:
            if case .object = value { return try normalize(value, path: path) }
            try double(value, path: path)
            return value
        case .array(let element):
            guard case .array(let items) = value else { throw wrongType(value, expected: "an array", path: path) }
            guard let element else { return try normalize(value, path: path) }
            var out: [JSONValue] = []
            for (index, item) in items.enumerated() {
                out.append(try check(item, kind: element, path: "\(path)[\(index)]"))
            }
            return .array(out)
        }
    }

    private func hexID(_ value: JSONValue, byteCount: Int, path: String) throws(OTLPJSONError) -> JSONValue {
        guard case .string(let text) = value else {
            throw wrongType(value, expected: "a hex string of \(byteCount * 2) digits", path: path)
        }
        if text.isEmpty { return value }
        guard let bytes = Hex.decode(text) else {
            throw OTLPJSONError(
                code: .invalidID,
                field: path,
                message: "must be \(byteCount * 2) hex digits (OTLP/JSON ids are hex, not base64), got \"\(text.prefix(64))\""
            )
        }
        guard bytes.count == byteCount else {
            throw OTLPJSONError(
                code: .invalidID,
                field: path,
                message: "must be \(byteCount) bytes (\(byteCount * 2) hex digits), got \(bytes.count) bytes"
            )
        }
        return .string(Base64.encode(bytes))
    }

    private func integer(_ value: JSONValue, path: String) throws(OTLPJSONError) {
        let text: String
        switch value {
        case .number(let number): text = number
        case .string(let string): text = string
        default: throw wrongType(value, expected: "an integer (number or decimal string)", path: path)
        }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let isPlainInteger = !digits.isEmpty && digits.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if isPlainInteger { return }
        // proto3 JSON also allows an integral number in exponent form, e.g. 1e3; refuse fractions.
        if case .number = value, let double = Double(text), double == double.rounded(.towardZero) { return }
        throw OTLPJSONError(code: .invalidValue, field: path, message: "must be an integer, got \(text.prefix(64))")
    }

    private func double(_ value: JSONValue, path: String) throws(OTLPJSONError) {
        switch value {
        case .number: return
        case .string(let text) where text == "NaN" || text == "Infinity" || text == "-Infinity" || Double(text) != nil:
            return
        default: throw wrongType(value, expected: "a number", path: path)
        }
    }

    private func wrongType(_ value: JSONValue, expected: String, path: String) -> OTLPJSONError {
        OTLPJSONError(code: .wrongType, field: path, message: "must be \(expected), got \(value.typeName)")
    }
}
