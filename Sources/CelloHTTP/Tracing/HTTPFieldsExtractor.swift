import CelloTelemetry
import HTTPTypes
import Instrumentation

/// Reads propagation headers (`traceparent`, `b3`, `uber-trace-id`, ...) from a Hummingbird request's fields.
/// Header names are case-insensitive, as `HTTPField.Name` compares them.
///
/// Repeated fields are one list joined in order with "," (RFC 9110 section 5.3), which is how several
/// `tracestate` fields combine (https://www.w3.org/TR/trace-context-2/#combined-header-value); a repeated
/// `traceparent` thereby becomes invalid and a new trace starts. Listing the names lets the Jaeger propagator find
/// `uberctx-{key}` baggage.
struct HTTPFieldsExtractor: KeyListingExtractor {
    func extract(key: String, from carrier: HTTPFields) -> String? {
        guard let name = HTTPField.Name(key) else { return nil }
        let values = carrier[values: name]
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// Each field name once, lower-case, in the order the fields arrived.
    func keys(in carrier: HTTPFields) -> [String] {
        var seen = Set<String>()
        return carrier.compactMap { field in
            let name = field.name.canonicalName
            return seen.insert(name).inserted ? name : nil
        }
    }
}
