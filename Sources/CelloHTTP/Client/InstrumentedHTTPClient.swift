import AsyncHTTPClient
import HTTPTypes
import NIOCore
import NIOHTTP1
import Tracing

/// An HTTP client on AsyncHTTPClient whose every call is a CLIENT span (docs/cello-telemetry.md section 3.2).
///
/// - Name `{METHOD}`, child of the current span (`ServiceContext.current`, set by the server span around each
///   handler), so `request.client.get(...)` continues the request's trace without passing a context.
/// - Attributes `http.request.method`, `url.full` (no userinfo, no query), `server.address`, `server.port`,
///   `http.response.status_code`.
/// - The tracer injects every configured propagation header (`traceparent`/`tracestate`/`baggage`, `b3`,
///   `uber-trace-id`), also for unsampled spans, so the next hop keeps the trace id and the decision.
/// - Status Error for a 4xx/5xx answer or a transport failure (OpenTelemetry HTTP client semantic conventions).
public struct InstrumentedHTTPClient: Sendable {
    let httpClient: HTTPClient
    let tracer: any Tracer
    let timeout: Duration
    let maxResponseBytes: Int

    init(httpClient: HTTPClient, tracer: any Tracer, timeout: Duration, maxResponseBytes: Int) {
        self.httpClient = httpClient
        self.tracer = tracer
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    public func get(_ url: String, headers: HTTPFields = [:]) async throws -> ClientResponse {
        try await self.execute(.get, url, headers: headers)
    }

    public func post(_ url: String, headers: HTTPFields = [:], body: [UInt8]) async throws -> ClientResponse {
        try await self.execute(.post, url, headers: headers, body: body)
    }

    /// Sends one request and collects the response.
    /// - Throws: `HTTPClientCallError` (`.invalidURL` before any span starts; `.transport` or `.responseTooLarge`
    ///   after the span recorded the failure).
    public func execute(
        _ method: HTTPRequest.Method,
        _ url: String,
        headers: HTTPFields = [:],
        body: [UInt8]? = nil
    ) async throws(HTTPClientCallError) -> ClientResponse {
        let target = try ClientTarget(url)
        let span = self.tracer.startSpan(method.rawValue, context: ServiceContext.current ?? .topLevel, ofKind: .client)
        defer { span.end() }
        if span.isRecording {
            var attributes = SpanAttributes()
            attributes["http.request.method"] = method.rawValue
            attributes["url.full"] = target.redacted
            attributes["server.address"] = target.host
            attributes["server.port"] = target.port
            span.attributes = attributes
        }

        var request = HTTPClientRequest(url: url)
        request.method = NIOHTTP1.HTTPMethod(rawValue: method.rawValue)
        for field in headers {
            request.headers.add(name: field.name.rawName, value: field.value)
        }
        if !request.headers.contains(name: "user-agent") {
            request.headers.add(name: "user-agent", value: "cello-http")
        }
        self.tracer.inject(span.context, into: &request.headers, using: HTTPHeadersInjector())
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }

        do {
            let response = try await self.httpClient.execute(request, timeout: .nanoseconds(self.timeoutNanoseconds))
            let status = Int(response.status.code)
            if span.isRecording {
                span.updateAttributes { $0["http.response.status_code"] = status }
            }
            if status >= 400 {
                span.setStatus(SpanStatus(code: .error))
            }
            let collected: ByteBuffer
            do {
                collected = try await response.body.collect(upTo: self.maxResponseBytes)
            } catch is NIOTooManyBytesError {
                throw HTTPClientCallError(
                    .responseTooLarge,
                    "\(method) \(target.redacted): response body exceeds \(self.maxResponseBytes) bytes"
                )
            }
            return ClientResponse(
                status: HTTPResponse.Status(code: status, reasonPhrase: response.status.reasonPhrase),
                headers: HTTPFields(response.headers),
                body: Array(buffer: collected)
            )
        } catch {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            if let error = error as? HTTPClientCallError {
                throw error
            }
            throw HTTPClientCallError(.transport, "\(method) \(target.redacted) failed: \(error)")
        }
    }

    private var timeoutNanoseconds: Int64 {
        let (seconds, attoseconds) = self.timeout.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension HTTPFields {
    /// The fields of an AsyncHTTPClient response; names that are not valid tokens are skipped.
    init(_ headers: HTTPHeaders) {
        self.init()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) {
                self.append(HTTPField(name: name, value: value))
            }
        }
    }
}
