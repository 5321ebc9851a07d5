/// A trace search as the query API's `GET /api/v3/traces` describes it (docs/cello-telemetry.md section 6).
///
/// A trace matches when one of its spans has the service, operation, attributes and duration asked for and starts
/// within `[startTimeMinNanos, startTimeMaxNanos]`.
struct TraceSearch: Sendable, Hashable {
    var serviceName: String?
    var operationName: String?
    var startTimeMinNanos: Int64
    var startTimeMaxNanos: Int64
    var durationMinNanos: Int64?
    var durationMaxNanos: Int64?
    /// Attribute key to its value rendered as a string; matched against span and resource attributes.
    var attributes: [String: String] = [:]
    /// Most traces returned, newest first. Jaeger's default is 20... we return at most this many.
    var searchDepth: Int = 20
}
