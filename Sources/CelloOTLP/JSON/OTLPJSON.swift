public import SwiftProtobuf

/// The OTLP/JSON codec: protobuf messages to and from the JSON that OTLP/HTTP carries.
///
/// Implements https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding, which differs from swift-protobuf's
/// proto3 JSON defaults:
/// - `traceId`, `spanId` and `parentSpanId` are hex strings (case-insensitive on input), not base64;
/// - enums are written as integers (names are still accepted on input, as proto3 JSON allows);
/// - field names are lowerCamelCase (the proto names are accepted on input);
/// - 64-bit integers are written as decimal strings and accepted as strings or numbers;
/// - unknown fields are ignored.
/// Decoding checks every known field's JSON type and every id before protobuf sees the body, so that an error
/// names the field, e.g. `resourceSpans[0].scopeSpans[0].spans[2].spanId`.
public enum OTLPJSON {
    /// Writes a message as OTLP/JSON.
    /// - Throws: ``OTLPJSONError`` with code `.unencodable` if swift-protobuf cannot write the message.
    public static func encode(_ message: some SwiftProtobuf.Message) throws(OTLPJSONError) -> [UInt8] {
        var options = JSONEncodingOptions()
        options.alwaysPrintEnumsAsInts = true
        options.preserveProtoFieldNames = false
        let protoJSON: [UInt8]
        do {
            protoJSON = try message.jsonUTF8Bytes(options: options)
        } catch {
            throw OTLPJSONError(code: .unencodable, field: "", message: "\(error)")
        }
        return OTLPJSONIDRewriter.base64IDsToHex(protoJSON)
    }

    /// Reads an OTLP/JSON body into a message.
    /// - Throws: ``OTLPJSONError`` naming the field: `.malformedJSON` (truncated or not JSON), `.wrongType`,
    ///   `.invalidID` (not hex, or not 16/8 bytes), `.invalidValue`.
    public static func decode<M: SwiftProtobuf.Message>(
        _ type: M.Type,
        from bytes: some Collection<UInt8>
    ) throws(OTLPJSONError) -> M {
        let document: JSONValue
        do {
            document = try JSONParser.parse(Array(bytes))
        } catch {
            throw OTLPJSONError(
                code: .malformedJSON,
                field: "",
                message: "\(error.reason) at byte \(error.offset)"
            )
        }
        guard case .object = document else {
            throw OTLPJSONError(code: .malformedJSON, field: "", message: "the body must be a JSON object, got \(document.typeName)")
        }
        let normalizer = OTLPJSONNormalizer()
        let normalized = try normalizer.normalize(document, path: "")
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        do {
            return try M(jsonUTF8Bytes: normalized.serialized(), options: options)
        } catch {
            throw OTLPJSONError(code: .invalidValue, field: "", message: "not a valid \(M.protoMessageName): \(error)")
        }
    }
}
