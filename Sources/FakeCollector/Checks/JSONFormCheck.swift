/// OTLP/JSON form rules seen in the raw body (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
/// field names MUST be lowerCamelCase and enum values MUST be integers. The decoder accepts both forms, as proto3
/// JSON allows, so the judge looks at the bytes.
struct JSONFormCheck {
    private static let snakeCaseKeys: [[UInt8]] = [
        "resource_spans", "scope_spans", "trace_id", "span_id", "parent_span_id", "start_time_unix_nano",
        "end_time_unix_nano", "dropped_attributes_count", "trace_state", "schema_url", "time_unix_nano",
        "resource_metrics", "scope_metrics", "data_points", "resource_logs", "scope_logs", "log_records",
        "string_value", "int_value", "bool_value", "double_value", "array_value", "kvlist_value",
    ].map { Array("\"\($0)\"".utf8) }

    private static let enumNamePrefixes: [[UInt8]] = [
        "SPAN_KIND_", "STATUS_CODE_", "SEVERITY_NUMBER_", "AGGREGATION_TEMPORALITY_",
    ].map { Array("\"\($0)".utf8) }

    static func check(_ body: [UInt8], into findings: inout FindingCollector) {
        if let key = snakeCaseKeys.first(where: { contains(body, $0) }) {
            findings.add(.otlpJSONCamelCase, "OTLP/JSON field names must be lowerCamelCase",
                         evidence: "found \(String(decoding: key, as: UTF8.self))")
        }
        if let name = enumNamePrefixes.first(where: { contains(body, $0) }) {
            findings.add(.otlpJSONEnumInts, "OTLP/JSON enum values must be integers, not names",
                         evidence: "found a value starting \(String(decoding: name, as: UTF8.self))")
        }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
