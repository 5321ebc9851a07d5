import HTTPTypes
import Instrumentation

/// Reads propagation headers (`traceparent`, `b3`, `uber-trace-id`, ...) from a Hummingbird request's fields.
/// Header names are case-insensitive, as `HTTPField.Name` compares them.
struct HTTPFieldsExtractor: Extractor {
    func extract(key: String, from carrier: HTTPFields) -> String? {
        guard let name = HTTPField.Name(key) else { return nil }
        return carrier[name]
    }
}
