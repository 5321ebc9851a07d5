/// An OTLP endpoint URL taken apart: `http` (plaintext) or `https` (TLS), host, port and path.
///
/// Spec: docs/cello-telemetry.md section 1 (`otlpEndpoint`: scheme http or https, host required);
/// https://opentelemetry.io/docs/specs/otel/protocol/exporter/#configuration-options. A missing port is the
/// scheme's (80, 443); an IPv6 host is written in brackets (`http://[::1]:4317`).
struct OTLPEndpoint: Sendable, Hashable {
    var isSecure: Bool
    /// The host without IPv6 brackets.
    var host: String
    var port: Int
    /// "" or a path starting with "/" (query and fragment kept out).
    var path: String

    init(parsing text: String) throws(OTLPExportError) {
        func invalid(_ why: String) -> OTLPExportError {
            OTLPExportError(code: .invalidEndpoint, message: "endpoint '\(text)': \(why)")
        }
        let rest: Substring
        if text.lowercased().hasPrefix("http://") {
            isSecure = false
            rest = text.dropFirst("http://".count)
        } else if text.lowercased().hasPrefix("https://") {
            isSecure = true
            rest = text.dropFirst("https://".count)
        } else {
            throw invalid("scheme must be http or https")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let tail = rest[authorityEnd...]
        path = String(tail.prefix(while: { $0 != "?" && $0 != "#" }))
        guard !authority.contains("@") else { throw invalid("user info is not allowed") }

        let hostPart: Substring
        let portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("unclosed IPv6 bracket") }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw invalid("junk after the IPv6 address") }
            portPart = after.isEmpty ? nil : after.dropFirst()
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
            portPart = nil
        }
        guard !hostPart.isEmpty else { throw invalid("host is missing") }
        host = String(hostPart)
        if let portPart {
            guard let port = Int(portPart), (1...65535).contains(port) else {
                throw invalid("port must be 1...65535")
            }
            self.port = port
        } else {
            port = isSecure ? 443 : 80
        }
    }

    /// `scheme://host:port` with IPv6 brackets restored, for logs and HTTP URLs.
    var origin: String {
        let printedHost = host.contains(":") ? "[\(host)]" : host
        return "\(isSecure ? "https" : "http")://\(printedHost):\(port)"
    }

    /// True when `host` is an IPv6 literal.
    var isIPv6: Bool { host.contains(":") }
}
