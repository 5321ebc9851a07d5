/// What a fault rule does to a request (docs/cello-telemetry.md section 6, fault plans).
public enum FaultAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Answer normally after `delayMs`.
    case delay
    /// Never answer; the harness records when the client gave up.
    case stall
    /// Answer a gRPC status (`grpcStatus`, RetryInfo from `retryDelayMs`) or an HTTP status (`httpStatus`,
    /// `Retry-After` from `retryAfterSeconds`).
    case status
    /// Answer success with `partial_success` rejecting `rejectSpans` spans (those are not stored).
    case partial
    /// Drop the connection without answering.
    case close
    /// Send an HTTP/2 GOAWAY (`errorCode`); with a non-zero code the connection is then dropped.
    case goaway
    /// Reset the stream with RST_STREAM (`errorCode`, default INTERNAL_ERROR).
    case rstStream = "rst_stream"
}
