import CelloOTLP
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Exports spans with OTLP/gRPC (`/opentelemetry.proto.collector.trace.v1.TraceService/Export`) on grpc-swift 2:
/// plaintext for `http://`, TLS for `https://`, custom headers as metadata, optional gzip.
///
/// Spec: docs/cello-telemetry.md section 4; https://opentelemetry.io/docs/specs/otlp/#otlpgrpc. One export is bounded
/// by the configured timeout, retries included; each attempt carries the time left as `grpc-timeout`.
///
/// The connection is owned by ``run()``: run the exporter as a `Service` (the batch processor runs it in its task
/// group) and call ``shutdown()`` after the last export to let `run()` return. While `run()` is not running, each
/// export opens a connection of its own and closes it afterwards, so the exporter works either way.
public final class OTLPGRPCSpanExporter: SpanExporter, Service {
    private let configuration: OTLPExporterConfiguration
    private let endpoint: OTLPEndpoint
    private let metadata: Metadata
    private let logger: Logger
    private let partialSuccesses: PartialSuccessRecorder
    private let state = Mutex<State>(.idle)

    /// - Throws: ``OTLPExportError`` with code `invalidEndpoint` when the endpoint is not an http(s) URL.
    public init(
        configuration: OTLPExporterConfiguration,
        logger: Logger,
        metricsFactory: (any MetricsFactory)? = nil
    ) throws(OTLPExportError) {
        self.configuration = configuration
        self.endpoint = try OTLPEndpoint(parsing: configuration.endpoint)
        self.metadata = Self.metadata(headers: configuration.headers)
        self.logger = logger
        self.partialSuccesses = PartialSuccessRecorder(logger: logger, metricsFactory: metricsFactory)
    }

    /// The configured headers, lower-case, and `user-agent` starting with ``CelloTelemetryVersion/userAgent``.
    /// A configured `user-agent` is appended to ours, as the OTLP exporter spec lets users add a product token;
    /// grpc-swift 2 sends no `user-agent` of its own, so the value on the wire starts with our token.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otel/protocol/exporter/#user-agent
    static func metadata(headers: [String: String]) -> Metadata {
        var metadata = Metadata()
        var userAgent = CelloTelemetryVersion.userAgent
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            let key = name.lowercased()
            if key == "user-agent" {
                userAgent += " " + value
            } else {
                metadata.addString(value, forKey: key)
            }
        }
        metadata.addString(userAgent, forKey: "user-agent")
        return metadata
    }

    /// Spans the collector reported as rejected in partial successes so far.
    public var rejectedSpanCount: Int64 { partialSuccesses.rejectedSpans }

    /// True while ``run()`` owns the connection.
    var isRunning: Bool {
        state.withLock { state in
            if case .running = state { return true }
            return false
        }
    }

    /// Runs the gRPC connection until ``shutdown()`` (or cancellation); returns at once after a shutdown.
    public func run() async throws {
        let client = GRPCClient(transport: try makeTransport())
        switch state.withLock({ $0.run(client) }) {
        case .returnAtOnce:
            return
        case .runConnections:
            defer { state.withLock { $0.runFinished() } }
            try await client.runConnections()
        }
    }

    public func export(_ batch: [FinishedSpan]) async throws {
        guard !batch.isEmpty else { return }
        let request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(batch: batch)
        let serializer: EncodedMessageSerializer<Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest>
        do {
            serializer = try EncodedMessageSerializer(encoding: request)
        } catch {
            throw OTLPExportError(code: .encoding, message: "could not encode the batch: \(error)")
        }
        let partialSuccess: PartialSuccess?
        switch state.withLock({ $0.export() }) {
        case .fail:
            throw OTLPExportError(code: .shutdown, message: "the exporter was shut down")
        case .useRunningClient(let client):
            partialSuccess = try await export(request, serializer: serializer, client: client)
        case .useScopedClient:
            partialSuccess = try await withGRPCClient(transport: try makeTransport()) { client in
                try await self.export(request, serializer: serializer, client: client)
            }
        }
        partialSuccesses.record(partialSuccess)
    }

    /// Nothing is buffered here: every export finishes before it returns.
    public func forceFlush() async throws {}

    /// Fails later exports and lets ``run()`` return once exports in flight have finished.
    public func shutdown() async {
        switch state.withLock({ $0.shutdown() }) {
        case .stopClient(let client): client.beginGracefulShutdown()
        case .none: break
        }
    }

    private func export(
        _ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest,
        serializer: EncodedMessageSerializer<Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest>,
        client: GRPCClient<HTTP2ClientTransport.Posix>
    ) async throws -> PartialSuccess? {
        let service = Opentelemetry_Proto_Collector_Trace_V1_TraceService.Client(wrapping: client)
        let loop = ExportRetryLoop(policy: configuration.retryPolicy, timeout: configuration.timeout, clock: .continuous)
        let metadata = self.metadata
        let compression: CompressionAlgorithm = configuration.gzip ? .gzip : .none
        return try await loop.run { _, remaining in
            var options = CallOptions.defaults
            options.timeout = remaining
            options.compression = compression
            do {
                let response = try await service.export(
                    request: ClientRequest(message: request, metadata: metadata),
                    serializer: serializer,
                    deserializer: ProtobufDeserializer<Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse>(),
                    options: options
                ) { response in try response.message }
                return .accepted(partialSuccess: PartialSuccess(response))
            } catch let error as RPCError {
                return Self.outcome(of: error)
            }
        }
    }

    /// Classifies a failed RPC: retryable codes (RESOURCE_EXHAUSTED only with RetryInfo) retry after the
    /// server's RetryInfo delay or the backoff; every other code rejects the batch.
    static func outcome(of error: RPCError) -> ExportAttemptOutcome {
        let details = error.metadata[binaryValues: GRPCRetryInfo.statusDetailsKey].first(where: { _ in true })
        let retryDelay = details.flatMap { GRPCRetryInfo.retryDelay(statusDetails: $0) }
        let code = error.code.rawValue
        if RetryableStatus.isRetryable(grpcCode: code, hasRetryInfo: retryDelay != nil) {
            return .retry(status: "\(code)", serverDelay: retryDelay)
        }
        return .reject(
            OTLPExportError(code: .rejected, status: "\(code)", message: "collector answered \(error.code): \(error.message)")
        )
    }

    private func makeTransport() throws -> HTTP2ClientTransport.Posix {
        let target: any ResolvableTarget =
            endpoint.isIPv6
            ? .ipv6(address: endpoint.host, port: endpoint.port)
            : .dns(host: endpoint.host, port: endpoint.port)
        let security: HTTP2ClientTransport.Posix.TransportSecurity = endpoint.isSecure ? .tls : .plaintext
        let gzip = configuration.gzip
        return try HTTP2ClientTransport.Posix(
            target: target,
            transportSecurity: security,
            config: .defaults { config in
                if gzip { config.compression = .init(algorithm: .gzip, enabledAlgorithms: .gzip) }
            }
        )
    }
}
