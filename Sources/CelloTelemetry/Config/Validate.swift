/// Range and format checks shared by code fields and environment variables.
///
/// Spec: docs/cello-telemetry.md section 1 (validation).
enum Validate {
    static func range(_ value: Int, _ range: ClosedRange<Int>, field: String) throws(ConfigurationError) {
        guard range.contains(value) else {
            throw ConfigurationError(
                code: .outOfRange, field: field,
                message: "must be within \(range.lowerBound)...\(range.upperBound), got \(value)")
        }
    }

    static func probability(_ value: Double, field: String) throws(ConfigurationError) {
        guard value.isFinite, value >= 0, value <= 1 else {
            throw ConfigurationError(code: .outOfRange, field: field, message: "must be within 0.0...1.0, got \(value)")
        }
    }

    /// Checks an `http(s)://host[:port][/path]` URL and returns it without a trailing slash.
    static func endpoint(_ text: String, field: String) throws(ConfigurationError) -> EndpointURL {
        guard let url = EndpointURL(parsing: text) else {
            throw ConfigurationError(
                code: .unparsable, field: field,
                message: "must be an http:// or https:// URL with a host and an optional port 1...65535, got '\(text)'")
        }
        return url
    }
}
