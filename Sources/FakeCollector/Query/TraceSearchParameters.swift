import Foundation

/// Reads `GET /api/v3/traces` parameters into a ``TraceSearch``: Jaeger v2 api_v3's camelCase names and the older
/// snake_case aliases (docs/cello-telemetry.md section 6, query API). Both start times are required RFC 3339 times.
enum TraceSearchParameters {
    struct Invalid: Error, Equatable {
        var message: String
    }

    static func parse(_ parameters: [String: String]) throws(Invalid) -> TraceSearch {
        func value(_ camel: String, _ snake: String) -> String? {
            (parameters["query.\(camel)"] ?? parameters["query.\(snake)"]).flatMap { $0.isEmpty ? nil : $0 }
        }
        func time(_ camel: String, _ snake: String) throws(Invalid) -> Int64 {
            guard let text = value(camel, snake) else {
                throw Invalid(message: "query.\(camel) is required (RFC 3339 time)")
            }
            guard let nanos = RFC3339.parseNanos(text) else {
                throw Invalid(message: "query.\(camel) is not an RFC 3339 time: \(text)")
            }
            return nanos
        }
        let startMin = try time("startTimeMin", "start_time_min")
        let startMax = try time("startTimeMax", "start_time_max")
        guard startMin <= startMax else { throw Invalid(message: "query.startTimeMin is after query.startTimeMax") }
        var search = TraceSearch(
            serviceName: value("serviceName", "service_name"), operationName: value("operationName", "operation_name"),
            startTimeMinNanos: startMin, startTimeMaxNanos: startMax)
        if let text = value("durationMin", "duration_min") {
            guard let nanos = GoDuration.parseNanos(text) else { throw Invalid(message: "bad query.durationMin \(text)") }
            search.durationMinNanos = nanos
        }
        if let text = value("durationMax", "duration_max") {
            guard let nanos = GoDuration.parseNanos(text) else { throw Invalid(message: "bad query.durationMax \(text)") }
            search.durationMaxNanos = nanos
        }
        if let text = value("searchDepth", "search_depth") ?? value("numTraces", "num_traces") {
            guard let depth = Int(text), depth > 0 else {
                throw Invalid(message: "query.searchDepth must be a positive integer, got \(text)")
            }
            search.searchDepth = depth
        }
        if let text = value("attributes", "attributes") {
            search.attributes = try attributes(text)
        }
        return search
    }

    /// `query.attributes` is a JSON object of key to value (`{"http.route":"/a"}`); non-string values are compared
    /// by their text.
    private static func attributes(_ text: String) throws(Invalid) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Invalid(message: "query.attributes must be a JSON object of strings, got \(text)")
        }
        var out: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let string as String: out[key] = string
            case is [Any], is [String: Any], is NSNull:
                throw Invalid(message: "query.attributes value of \(key) must be a string")
            default: out[key] = "\(value)"
            }
        }
        return out
    }
}
