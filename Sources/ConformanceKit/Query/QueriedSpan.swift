/// A span as the query API returns it: ids in hex, the service from its resource, attributes with their types.
///
/// The shape of Jaeger v2 api_v3 results (docs/cello-telemetry.md section 6), so the same value comes from the fake
/// collector or a real Jaeger.
public struct QueriedSpan: Sendable, Hashable {
    public var traceID: String
    public var spanID: String
    /// Nil for a root span (empty parent id on the wire).
    public var parentSpanID: String?
    public var name: String
    /// OTLP span kind number (2 server, 3 client, ...).
    public var kind: Int
    public var startNanos: UInt64
    public var endNanos: UInt64
    /// `service.name` of the span's resource.
    public var service: String
    public var attributes: [String: AttributeValue]
    /// OTLP status code (0 unset, 1 ok, 2 error).
    public var statusCode: Int
    /// W3C trace flags as exported (bit 0 sampled).
    public var flags: UInt32
    /// The span's W3C tracestate as exported (empty when none).
    public var traceState: String = ""

    public init(
        traceID: String, spanID: String, parentSpanID: String?, name: String, kind: Int, startNanos: UInt64,
        endNanos: UInt64, service: String, attributes: [String: AttributeValue] = [:], statusCode: Int = 0,
        flags: UInt32 = 0, traceState: String = ""
    ) {
        self.traceState = traceState
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.name = name
        self.kind = kind
        self.startNanos = startNanos
        self.endNanos = endNanos
        self.service = service
        self.attributes = attributes
        self.statusCode = statusCode
        self.flags = flags
    }

    public var durationMs: Double { Double(endNanos &- startNanos) / 1_000_000 }

    /// Whether the span is what `selector` picks.
    public func matches(_ selector: SpanSelector) -> Bool {
        service == selector.service && kind == selector.kind && (selector.name == nil || selector.name == name)
    }
}
