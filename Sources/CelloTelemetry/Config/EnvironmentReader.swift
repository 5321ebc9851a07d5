/// Reads OTEL_* variables with the OpenTelemetry parsing rules: an empty value counts as unset, names are exact,
/// enum values are case-insensitive; a bad value throws a ``ConfigurationError`` naming the variable.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#parsing-empty-value
struct EnvironmentReader {
    let environment: [String: String]

    /// The trimmed value, nil when unset or empty.
    func string(_ name: String) -> String? {
        guard let raw = environment[name] else { return nil }
        let trimmed = raw.trimmingOWS()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The first of `names` that is set, with its name.
    func first(_ names: String...) -> (name: String, value: String)? {
        for name in names {
            if let value = string(name) { return (name, value) }
        }
        return nil
    }

    /// An integer within `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else {
            throw ConfigurationError(code: .unparsable, field: name, message: "must be an integer, got '\(text)'")
        }
        try Validate.range(value, range, field: name)
        return value
    }

    /// `true` or `false` (case-insensitive).
    func bool(_ name: String) throws(ConfigurationError) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw ConfigurationError(code: .unparsable, field: name, message: "must be true or false, got '\(text)'")
        }
    }

    /// A W3C-baggage-style list `k1=v1,k2=v2` with percent-encoded values (OTEL_RESOURCE_ATTRIBUTES,
    /// OTEL_EXPORTER_OTLP_HEADERS).
    func keyValueList(_ name: String) throws(ConfigurationError) -> [String: String]? {
        guard let text = string(name) else { return nil }
        var result: [String: String] = [:]
        for entry in text.split(separator: ",", omittingEmptySubsequences: true) {
            let trimmed = String(entry).trimmingOWS()
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ConfigurationError(code: .unparsable, field: name, message: "entry '\(trimmed)' is not key=value")
            }
            let key = String(trimmed[..<eq]).trimmingOWS()
            let rawValue = String(trimmed[trimmed.index(after: eq)...]).trimmingOWS()
            guard !key.isEmpty, let value = PercentDecoding.decode(rawValue) else {
                throw ConfigurationError(
                    code: .unparsable, field: name, message: "entry '\(trimmed)' needs a key and a percent-encoded value")
            }
            result[key] = value
        }
        return result
    }
}
