import Foundation

/// What the OTLP/HTTP receiver reads from a request head before the body (https://opentelemetry.io/docs/specs/otlp/#otlphttp).
struct OTLPHTTPRequestHead: Sendable {
    enum ContentEncoding: Sendable, Equatable {
        case identity
        case gzip
        case unsupported(String)
    }

    let signal: ExportSignal?
    let encoding: BodyEncoding?
    let contentEncoding: ContentEncoding

    init(path: String, headers: [String: String]) {
        switch path {
        case "/v1/traces", "/v1/traces/": signal = .traces
        case "/v1/metrics", "/v1/metrics/": signal = .metrics
        case "/v1/logs", "/v1/logs/": signal = .logs
        default: signal = nil
        }
        let mediaType = (headers["content-type"] ?? "").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch mediaType {
        case "application/x-protobuf": encoding = .protobuf
        case "application/json": encoding = .json
        default: encoding = nil
        }
        let coding = (headers["content-encoding"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        switch coding {
        case "", "identity": contentEncoding = .identity
        case "gzip": contentEncoding = .gzip
        default: contentEncoding = .unsupported(coding)
        }
    }

    var exportProtocol: ExportProtocol { encoding == .json ? .httpJSON : .httpProtobuf }
    var compression: String { contentEncoding == .gzip ? "gzip" : "none" }
}
