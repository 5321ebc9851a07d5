/// Why an OTLP export failed; the batch processor counts the batch as failed.
///
/// Spec: docs/cello-telemetry.md section 4 (deadline, retryable codes); tests compare ``code``, never ``message``.
public struct OTLPExportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a struct over a private enum so that new codes break no `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case deadlineExceeded, rejected, retriesExhausted, transport, encoding, invalidEndpoint, shutdown
        }

        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// `exportTimeoutMs` passed before the collector accepted the batch (retries included), or the next
        /// retry (after the backoff or the delay the server asked for) would start after it.
        public static let deadlineExceeded = Code(.deadlineExceeded)
        /// The collector answered with a status OTLP says must not be retried (INVALID_ARGUMENT, HTTP 400, ...).
        public static let rejected = Code(.rejected)
        /// Retryable answers until the retry policy's attempt limit.
        public static let retriesExhausted = Code(.retriesExhausted)
        /// The connection or the HTTP client failed in a way that carries no status.
        public static let transport = Code(.transport)
        /// The batch could not be serialised.
        public static let encoding = Code(.encoding)
        /// The endpoint URL is not `http://host[:port][/path]` or `https://...`.
        public static let invalidEndpoint = Code(.invalidEndpoint)
        /// The exporter was shut down; the batch was not sent.
        public static let shutdown = Code(.shutdown)

        public var description: String { backing.rawValue }
    }

    public var code: Code
    /// The last status the collector answered with: a gRPC code ("14") or an HTTP status ("503"); nil if none.
    public var status: String?
    public var message: String

    public init(code: Code, status: String? = nil, message: String) {
        self.code = code
        self.status = status
        self.message = message
    }

    public var description: String {
        if let status { return "OTLPExportError(\(code), status \(status)): \(message)" }
        return "OTLPExportError(\(code)): \(message)"
    }
}
