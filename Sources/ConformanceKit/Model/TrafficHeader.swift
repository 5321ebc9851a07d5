/// One request header the traffic carries into the entry service, fixed or generated per request.
///
/// `{traceId}` (32 hex), `{traceId64}` (16 hex), `{spanId}` (16 hex) and `{random}` (16 hex) in the value are
/// replaced by fresh random hex for every request (the same `{traceId}` within one request), so a scenario can send
/// `traceparent: 00-{traceId}-{spanId}-01` and judge forwarding from the first hop on
/// (docs/cello-telemetry.md section 7, traffic).
public struct TrafficHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name.lowercased()
        self.value = value
    }

    /// The placeholders a value may hold.
    public static let placeholders = ["{traceId}", "{traceId64}", "{spanId}", "{random}"]
}
