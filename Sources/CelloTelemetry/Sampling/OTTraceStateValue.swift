/// The OpenTelemetry `ot` tracestate value: `;`-separated `key:value` sub-entries (`th`, `rv`, ...), order kept.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/tracestate-handling/#setting-values
struct OTTraceStateValue {
    private(set) var entries: [(key: String, value: String)]

    init(_ text: String) {
        entries = text.split(separator: ";").compactMap { part in
            guard let colon = part.firstIndex(of: ":") else { return nil }
            return (String(part[..<colon]), String(part[part.index(after: colon)...]))
        }
    }

    subscript(key: String) -> String? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            if let newValue {
                if let i = entries.firstIndex(where: { $0.key == key }) {
                    entries[i].value = newValue
                } else {
                    entries.insert((key, newValue), at: 0)
                }
            } else {
                entries.removeAll(where: { $0.key == key })
            }
        }
    }

    /// The value text, nil when there are no entries.
    var encoded: String? {
        entries.isEmpty ? nil : entries.map { "\($0.key):\($0.value)" }.joined(separator: ";")
    }
}
