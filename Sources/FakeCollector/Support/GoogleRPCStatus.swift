import Foundation

/// `google.rpc.Status` written by hand: the body of an OTLP/HTTP 4xx/5xx answer
/// (https://opentelemetry.io/docs/specs/otlp/#failures-1) and gRPC's `grpc-status-details-bin` carrying RetryInfo
/// (https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-throttling).
struct GoogleRPCStatus: Sendable, Hashable {
    var code: Int32
    var message: String
    /// `google.rpc.RetryInfo.retry_delay` in milliseconds, packed into `details` as an `Any`.
    var retryDelayMs: Int?

    /// Protobuf encoding: code = 1 (int32), message = 2 (string), details = 3 (repeated Any).
    var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        writer.int(field: 1, Int64(code))
        writer.string(field: 2, message)
        if let retryDelayMs {
            var duration = ProtobufWriter()
            duration.int(field: 1, Int64(retryDelayMs / 1000))
            duration.int(field: 2, Int64(retryDelayMs % 1000) * 1_000_000)
            var retryInfo = ProtobufWriter()
            retryInfo.bytes(field: 1, duration.bytes)
            var any = ProtobufWriter()
            any.string(field: 1, "type.googleapis.com/google.rpc.RetryInfo")
            any.bytes(field: 2, retryInfo.bytes)
            writer.bytes(field: 3, any.bytes)
        }
        return writer.bytes
    }

    /// Proto3 JSON encoding: `{"code":N,"message":"..."}` (RetryInfo is only sent on gRPC).
    var json: [UInt8] {
        let object: [String: Any] = ["code": Int(code), "message": message]
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }
}
