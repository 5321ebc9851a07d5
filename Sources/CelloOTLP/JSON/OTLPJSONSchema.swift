/// What the OTLP/JSON mapping allows in each field, by JSON field name.
///
/// The OTLP messages reuse few field names, and where one name has two types (`value`, `sum`) both are allowed;
/// the protobuf decoder that runs afterwards settles the rest. Names are the lowerCamelCase JSON names; the
/// proto names (`trace_id`) are accepted too, as proto3 JSON parsers must.
enum OTLPJSONSchema {
    indirect enum Kind {
        /// A trace id (16 bytes) or span id (8 bytes) as hex; the empty string means unset.
        case id(byteCount: Int)
        /// A 32- or 64-bit integer: a JSON number without fraction, or a decimal string.
        case integer
        /// An enum: an integer, or (proto3 JSON) the value's name.
        case enumeration
        case string
        case bool
        /// A double: a number or "NaN", "Infinity", "-Infinity".
        case double
        case object
        case array(of: Kind?)
        /// Either an object or a double (`value` of KeyValue vs. ValueAtQuantile, `sum` of Metric vs. data point).
        case objectOrDouble
    }

    static func kind(of key: String) -> Kind? {
        table[key] ?? table[camelCase(key)]
    }

    private static func camelCase(_ key: String) -> String {
        guard key.contains("_") else { return key }
        var out = ""
        var upper = false
        for character in key {
            if character == "_" {
                upper = true
            } else {
                out.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return out
    }

    private static let table: [String: Kind] = {
        var table: [String: Kind] = [
            "traceId": .id(byteCount: 16),
            "spanId": .id(byteCount: 8),
            "parentSpanId": .id(byteCount: 8),
            "value": .objectOrDouble,
            "sum": .objectOrDouble,
            "bucketCounts": .array(of: .integer),
            "explicitBounds": .array(of: .double),
        ]
        for key in [
            "startTimeUnixNano", "endTimeUnixNano", "timeUnixNano", "observedTimeUnixNano", "intValue", "asInt",
            "droppedAttributesCount", "droppedEventsCount", "droppedLinksCount", "flags", "count", "zeroCount",
            "offset", "scale", "rejectedSpans", "rejectedDataPoints", "rejectedLogRecords", "quantile",
        ] {
            table[key] = .integer
        }
        table["quantile"] = .double
        for key in ["kind", "code", "severityNumber", "aggregationTemporality"] { table[key] = .enumeration }
        for key in [
            "name", "key", "stringValue", "traceState", "message", "schemaUrl", "version", "severityText",
            "errorMessage", "unit", "description", "eventName",
        ] {
            table[key] = .string
        }
        for key in ["boolValue", "isMonotonic"] { table[key] = .bool }
        for key in ["doubleValue", "asDouble", "min", "max", "zeroThreshold"] { table[key] = .double }
        for key in [
            "resource", "scope", "status", "arrayValue", "kvlistValue", "partialSuccess", "body", "gauge",
            "histogram", "exponentialHistogram", "summary", "positive", "negative",
        ] {
            table[key] = .object
        }
        for key in [
            "resourceSpans", "scopeSpans", "spans", "attributes", "events", "links", "values", "resourceMetrics",
            "scopeMetrics", "metrics", "dataPoints", "resourceLogs", "scopeLogs", "logRecords", "exemplars",
            "quantileValues", "filteredAttributes",
        ] {
            table[key] = .array(of: nil)
        }
        return table
    }()
}
