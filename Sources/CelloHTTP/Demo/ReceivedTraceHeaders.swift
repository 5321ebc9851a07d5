import HTTPTypes

/// The propagation headers a demo-service instance received, echoed in its JSON answers under `received`, so a
/// runner can check the format and ids on the wire at every hop without a proxy.
///
/// Holds `traceparent`, `tracestate`, `baggage`, `b3`, `x-b3-*`, `uber-trace-id` and `uberctx-*` (lower-case
/// names); headers that were absent are left out. A value from the network is echoed only when it is printable
/// ASCII of at most 1024 bytes (an invalid context is never echoed: it becomes a note of its size), and at most 64
/// `uberctx-*` fields are kept.
public struct ReceivedTraceHeaders: Codable, Sendable, Hashable {
    public var headers: [String: String]

    static let names: [String] = [
        "traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
        "x-b3-sampled", "x-b3-flags", "uber-trace-id",
    ]

    static let maxEchoedBytes = 1024
    static let maxBaggageFields = 64

    public init(_ fields: HTTPFields) {
        var headers: [String: String] = [:]
        var baggageFields = 0
        for field in fields {
            let name = field.name.canonicalName
            let isBaggage = name.hasPrefix("uberctx-")
            guard Self.names.contains(name) || isBaggage else { continue }
            if isBaggage, headers[name] == nil {
                guard baggageFields < Self.maxBaggageFields else { continue }
                baggageFields += 1
            }
            let value = Self.echoable(field.value)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        self.headers = headers
    }

    /// The value itself when it is printable ASCII within the bound, else a note that says why it is not shown.
    static func echoable(_ value: String) -> String {
        let bytes = value.utf8
        guard bytes.count <= maxEchoedBytes else { return "(not echoed: \(bytes.count) bytes)" }
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return "(not echoed: not printable ASCII)" }
        return value
    }

    public init(from decoder: any Decoder) throws {
        self.headers = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.headers)
    }
}
