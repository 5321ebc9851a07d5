import HTTPTypes
import Hummingbird
import Tracing

/// Starts and finishes the SERVER span of one request (docs/cello-telemetry.md section 3.1).
///
/// - Name `{METHOD} {route}`, or `{METHOD}` when no route matched (so a 404 has no `http.route`).
/// - Seed attributes (`http.method`, `http.url` = path only, `http.status_code`, `http.route`,
///   `http.request.duration_ms`, `service.name`) and/or the stable ones (`http.request.method`, `url.path`,
///   `url.scheme`, `http.response.status_code`, `server.address`, `server.port`, `network.protocol.version`,
///   `user_agent.original`, `client.address`), as the configuration's `attributeSet` says.
/// - Never the query string or userinfo: only `request.uri.path` is recorded.
/// - Status: Error for 5xx, with an `exception` event when the handler threw; unset for 1xx-4xx.
struct ServerSpanRecorder: Sendable {
    let tracer: any Tracer
    let serviceName: String
    let seedAttributes: Bool
    let stableAttributes: Bool

    init(_ tracing: AppTracing) {
        self.tracer = tracing.tracer
        self.serviceName = tracing.serviceName
        self.seedAttributes = tracing.seedAttributes
        self.stableAttributes = tracing.stableAttributes
    }

    /// Extracts the caller's context from the headers (an invalid header leaves it empty: a new trace starts)
    /// and starts the span as its child.
    func start(_ request: Request, context: CelloRequestContext, route: String?) -> any Span {
        var parent = ServiceContext.topLevel
        self.tracer.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let method = request.method.rawValue
        let span = self.tracer.startSpan(route.map { "\(method) \($0)" } ?? method, context: parent, ofKind: .server)
        guard span.isRecording else { return span }

        let path = request.uri.path
        var attributes = SpanAttributes()
        if let route {
            attributes["http.route"] = route
        }
        if self.seedAttributes {
            attributes["http.method"] = method
            attributes["http.url"] = path
            attributes["service.name"] = self.serviceName
        }
        if self.stableAttributes {
            attributes["http.request.method"] = method
            attributes["url.path"] = path
            attributes["url.scheme"] = "http"
            // The server speaks HTTP/1.1 only (Hummingbird's `.http1()` channel).
            attributes["network.protocol.version"] = "1.1"
            let host = request.head.authority.flatMap { HostHeader($0) }
            if let host {
                attributes["server.address"] = host.host
                attributes["server.port"] = host.port ?? 80
            } else if let local = context.localAddress {
                attributes["server.address"] = local.ipAddress
                attributes["server.port"] = local.port
            }
            if let userAgent = request.headers[.userAgent] {
                attributes["user_agent.original"] = userAgent
            }
            if let client = context.remoteAddress?.ipAddress {
                attributes["client.address"] = client
            }
        }
        span.attributes = attributes
        return span
    }

    /// Records the outcome and ends the span.
    func finish(_ span: any Span, status: Int, duration: Duration, error: (any Error)?) {
        if span.isRecording {
            span.updateAttributes { attributes in
                if self.seedAttributes {
                    attributes["http.status_code"] = status
                    attributes["http.request.duration_ms"] = duration.milliseconds
                }
                if self.stableAttributes {
                    attributes["http.response.status_code"] = status
                }
            }
            if let error {
                span.recordError(error)
            }
            if status >= 500 {
                span.setStatus(SpanStatus(code: .error, message: error.map { "\(type(of: $0))" }))
            }
        }
        span.end()
    }
}

extension Duration {
    /// The duration in milliseconds, with sub-millisecond precision.
    var milliseconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
