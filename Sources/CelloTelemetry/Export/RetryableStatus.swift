/// Which collector answers OTLP allows an exporter to retry.
///
/// Spec: docs/cello-telemetry.md section 4; https://opentelemetry.io/docs/specs/otlp/#failures (gRPC) and
/// https://opentelemetry.io/docs/specs/otlp/#failures-1 (HTTP).
enum RetryableStatus {
    /// gRPC CANCELLED (1), DEADLINE_EXCEEDED (4), ABORTED (10), OUT_OF_RANGE (11), UNAVAILABLE (14) and
    /// DATA_LOSS (15); RESOURCE_EXHAUSTED (8) only when the server sent RetryInfo, which means "it will recover".
    static func isRetryable(grpcCode code: Int, hasRetryInfo: Bool) -> Bool {
        switch code {
        case 1, 4, 10, 11, 14, 15: return true
        case 8: return hasRetryInfo
        default: return false
        }
    }

    /// HTTP 429, 502, 503 and 504.
    static func isRetryable(httpStatus status: Int) -> Bool {
        switch status {
        case 429, 502, 503, 504: return true
        default: return false
        }
    }
}
