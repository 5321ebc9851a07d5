public import Foundation

/// One export request as the harness reports it (docs/cello-telemetry.md section 6, harness endpoints;
/// `GET /harness/requests` in docs/harness-api.md).
public struct ExportRequestRecord: Sendable, Hashable {
    public var id: Int
    public var receiver: ReceiverKind
    public var exportProtocol: ExportProtocol
    public var signal: ExportSignal
    public var path: String
    /// Request headers, names lower-cased; a repeated header's values joined with ", ".
    public var headers: [String: String]
    /// `gzip` or `none`.
    public var compression: String
    /// Spans (traces), data points (metrics) or log records (logs) in the request.
    public var spanCount: Int
    /// The `grpc-timeout` header in milliseconds, when present and well formed.
    public var grpcTimeoutMs: Double?
    public var arrivalTime: Date
    public var endTime: Date?
    public var durationMs: Double?
    public var end: RequestEnd
    /// gRPC status code ("0") or HTTP status ("200") answered; nil when nothing was answered.
    public var status: String?
    /// The fault action applied, if any.
    public var fault: String?
    /// Trace ids in the request, hex, in first-seen order.
    public var traceIds: [String]
    /// Resource `service.name` values of the request's spans, first-seen order: which service sent it.
    public var serviceNames: [String]
    public var findings: [WireFinding]
}
