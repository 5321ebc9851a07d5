/// What one export attempt ended with, as the protocol-specific exporter classified the collector's answer.
///
/// Spec: docs/cello-telemetry.md section 4 (retryable codes, partial success).
enum ExportAttemptOutcome: Sendable {
    /// The collector took the request; `partialSuccess` is set when it said it dropped some spans.
    case accepted(partialSuccess: PartialSuccess?)
    /// A retryable answer (`status` is "14", "503", or "transport"); `serverDelay` is the wait the server asked
    /// for with RetryInfo or Retry-After, nil to use the computed backoff.
    case retry(status: String, serverDelay: Duration?)
    /// An answer OTLP forbids retrying; the export fails with this error.
    case reject(OTLPExportError)
}

/// `ExportTraceServiceResponse.partial_success`: the collector accepted the request but dropped some spans.
///
/// Spec: https://opentelemetry.io/docs/specs/otlp/#partial-success (logged and counted, never retried).
struct PartialSuccess: Sendable, Hashable {
    var rejectedSpans: Int64
    var errorMessage: String
}
