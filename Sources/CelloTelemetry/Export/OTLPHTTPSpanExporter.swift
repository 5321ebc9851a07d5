import AsyncHTTPClient
import CelloOTLP
import Foundation
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import Synchronization

/// Exports spans with OTLP/HTTP (`POST` to the traces URL) on AsyncHTTPClient, as binary protobuf or OTLP/JSON,
/// with custom headers and optional gzip (`Content-Encoding: gzip`).
///
/// Spec: docs/cello-telemetry.md section 4; https://opentelemetry.io/docs/specs/otlp/#otlphttp. The body is encoded
/// (and compressed) once per export; one export is bounded by the configured timeout, retries included; 429, 502,
/// 503 and 504 are retried, after `Retry-After` when the collector sends it.
public final class OTLPHTTPSpanExporter: SpanExporter {
    private let configuration: OTLPExporterConfiguration
    private let encoding: OTLPHTTPEncoding
    private let url: String
    private let headers: HTTPHeaders
    private let logger: Logger
    private let partialSuccesses: PartialSuccessRecorder
    private let client = Mutex<ClientState>(.notCreated)

    /// - Parameter configuration: its endpoint is the full traces URL (`.../v1/traces`).
    /// - Throws: ``OTLPExportError`` with code `invalidEndpoint` when the endpoint is not an http(s) URL.
    public init(
        configuration: OTLPExporterConfiguration,
        encoding: OTLPHTTPEncoding,
        logger: Logger,
        metricsFactory: (any MetricsFactory)? = nil
    ) throws(OTLPExportError) {
        let endpoint = try OTLPEndpoint(parsing: configuration.endpoint)
        self.configuration = configuration
        self.encoding = encoding
        self.url = endpoint.origin + (endpoint.path.isEmpty ? "/" : endpoint.path)
        var headers = HTTPHeaders()
        for (name, value) in configuration.headers.sorted(by: { $0.key < $1.key }) {
            headers.add(name: name, value: value)
        }
        headers.replaceOrAdd(name: "content-type", value: encoding.contentType)
        if configuration.gzip { headers.replaceOrAdd(name: "content-encoding", value: "gzip") }
        self.headers = headers
        self.logger = logger
        self.partialSuccesses = PartialSuccessRecorder(logger: logger, metricsFactory: metricsFactory)
    }

    /// Spans the collector reported as rejected in partial successes so far.
    public var rejectedSpanCount: Int64 { partialSuccesses.rejectedSpans }

    public func export(_ batch: [FinishedSpan]) async throws {
        guard !batch.isEmpty else { return }
        guard let client = client.withLock({ $0.clientForExport() }) else {
            throw OTLPExportError(code: .shutdown, message: "the exporter was shut down")
        }
        let body = try encodeBody(Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(batch: batch))
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = headers
        request.body = .bytes(body)
        let loop = ExportRetryLoop(policy: configuration.retryPolicy, timeout: configuration.timeout, clock: .continuous)
        let partialSuccess = try await loop.run { [request] _, remaining in
            try await self.attempt(request, client: client, remaining: remaining)
        }
        partialSuccesses.record(partialSuccess)
    }

    /// Nothing is buffered here: every export finishes before it returns.
    public func forceFlush() async throws {}

    /// Fails later exports and closes the HTTP client's connections.
    public func shutdown() async {
        guard let client = client.withLock({ $0.shutdown() }) else { return }
        do {
            try await client.shutdown()
        } catch {
            logger.debug("OTLP/HTTP client shutdown failed", metadata: ["error": "\(error)"])
        }
    }

    private func encodeBody(
        _ message: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
    ) throws(OTLPExportError) -> ByteBuffer {
        do {
            let bytes = ByteBuffer(bytes: try encoding.encode(message))
            return configuration.gzip ? try Gzip.compress(bytes) : bytes
        } catch {
            throw OTLPExportError(code: .encoding, message: "could not encode the batch as \(encoding): \(error)")
        }
    }

    deinit {
        // A client never shut down trips AsyncHTTPClient's debug assertion; close it without waiting.
        client.withLock { $0.shutdown() }?.shutdown { _ in }
    }

    private func attempt(
        _ request: HTTPClientRequest,
        client: HTTPClient,
        remaining: Duration
    ) async throws -> ExportAttemptOutcome {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .nanoseconds(remaining.totalNanoseconds))
        } catch {
            // Connection refused or reset, timeouts: OTLP asks clients to retry with backoff.
            try Task.checkCancellation()
            logger.debug("OTLP/HTTP request failed", metadata: ["error": "\(error)"])
            return .retry(status: "transport", serverDelay: nil)
        }
        let status = Int(response.status.code)
        let body = try? await response.body.collect(upTo: configuration.maxResponseBytes)
        if (200..<300).contains(status) {
            return .accepted(partialSuccess: body.flatMap(partialSuccess(in:)))
        }
        if RetryableStatus.isRetryable(httpStatus: status) {
            let delay = response.headers["retry-after"].first.flatMap {
                RetryAfter.delay(header: $0, nowUnixSeconds: Date().timeIntervalSince1970)
            }
            return .retry(status: "\(status)", serverDelay: delay)
        }
        let message = body.map { String(buffer: $0) }.map { $0.isEmpty ? "" : ": \($0.prefix(512))" } ?? ""
        return .reject(OTLPExportError(code: .rejected, status: "\(status)", message: "collector answered \(status)\(message)"))
    }

    private func partialSuccess(in body: ByteBuffer) -> PartialSuccess? {
        guard body.readableBytes > 0 else { return nil }
        do {
            let response = try encoding.decode(
                Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse.self,
                from: body
            )
            return PartialSuccess(response)
        } catch {
            logger.debug("OTLP/HTTP response body is not an ExportTraceServiceResponse", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
