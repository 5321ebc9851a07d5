import HTTP2Wire

/// The request headers of an OTLP/gRPC call, judged (gRPC over HTTP/2 request rules; docs/cello-telemetry.md section 6)
/// and reduced to what the receiver needs.
struct GRPCRequestHead: Sendable {
    enum Encoding: Sendable, Equatable {
        case identity
        case gzip
        case unsupported(String)
    }

    let method: String
    let path: String
    let signal: ExportSignal?
    let contentTypeValid: Bool
    let encoding: Encoding
    let timeoutMs: Double?
    /// Lower-case regular header names to values (pseudo-headers included, as the harness shows them).
    let headers: [String: String]

    init(_ wireHeaders: [HTTP2Header], findings: inout FindingCollector) {
        var headers: [String: String] = [:]
        for header in wireHeaders {
            let name = header.name.lowercased()
            if let existing = headers[name] { headers[name] = existing + ", " + header.value } else {
                headers[name] = header.value
            }
        }
        self.headers = headers
        self.method = headers[":method"] ?? ""
        self.path = headers[":path"] ?? ""
        self.signal = Self.signal(path)
        if method != "POST" {
            findings.add(.grpcMethod, ":method must be POST", evidence: ":method \(method.isEmpty ? "(missing)" : method)")
        }
        if signal == nil {
            findings.add(.grpcPath, ":path must name an OTLP service method", evidence: ":path \(path)")
        }
        let contentType = headers["content-type"] ?? ""
        let mediaType = contentType.split(separator: ";").first.map(String.init) ?? ""
        self.contentTypeValid = mediaType == "application/grpc" || mediaType.hasPrefix("application/grpc+")
        if !contentTypeValid || (mediaType != "application/grpc" && mediaType != "application/grpc+proto") {
            findings.add(.grpcContentType, "content-type must be application/grpc or application/grpc+proto",
                         evidence: "content-type \(contentType.isEmpty ? "(missing)" : contentType)")
        }
        if headers["te"]?.lowercased() != "trailers" {
            findings.add(.grpcTETrailers, "the te header must be \"trailers\"",
                         evidence: "te \(headers["te"] ?? "(missing)")")
        }
        if let timeout = headers["grpc-timeout"] {
            self.timeoutMs = GRPCTimeout.parseMilliseconds(timeout)
            if timeoutMs == nil {
                findings.add(.grpcTimeoutSyntax, "grpc-timeout must be 1-8 digits and a unit (H M S m u n)",
                             evidence: "grpc-timeout \(timeout)")
            }
        } else {
            self.timeoutMs = nil
        }
        switch headers["grpc-encoding"]?.lowercased() {
        case nil, "identity": self.encoding = .identity
        case "gzip": self.encoding = .gzip
        case let other?:
            self.encoding = .unsupported(other)
            findings.add(.grpcEncoding, "grpc-encoding must be one the server accepts (identity, gzip)",
                         evidence: "grpc-encoding \(other)")
        }
        if headers["user-agent"] == nil {
            findings.add(.grpcUserAgent, "clients should send a user-agent", evidence: "no user-agent header")
        }
    }

    private static func signal(_ path: String) -> ExportSignal? {
        switch path {
        case "/opentelemetry.proto.collector.trace.v1.TraceService/Export": .traces
        case "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export": .metrics
        case "/opentelemetry.proto.collector.logs.v1.LogsService/Export": .logs
        default: nil
        }
    }
}
