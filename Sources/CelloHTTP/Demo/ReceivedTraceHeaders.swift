import HTTPTypes

/// The propagation headers a demo-service instance received, echoed in its JSON answers under `received`, so a
/// runner can check the format and ids on the wire at every hop without a proxy.
///
/// Holds `traceparent`, `tracestate`, `baggage`, `b3`, `x-b3-*`, `uber-trace-id` and `uberctx-*` (lower-case
/// names); headers that were absent are left out.
public struct ReceivedTraceHeaders: Codable, Sendable, Hashable {
    public var headers: [String: String]

    static let names: [String] = [
        "traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
        "x-b3-sampled", "x-b3-flags", "uber-trace-id",
    ]

    public init(_ fields: HTTPFields) {
        var headers: [String: String] = [:]
        for field in fields {
            let name = field.name.canonicalName
            if Self.names.contains(name) || name.hasPrefix("uberctx-") {
                headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
            }
        }
        self.headers = headers
    }

    public init(from decoder: any Decoder) throws {
        self.headers = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.headers)
    }
}
