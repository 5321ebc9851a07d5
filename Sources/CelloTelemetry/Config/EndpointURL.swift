/// A checked endpoint URL: scheme http or https, a host, optional port, optional path.
///
/// Spec: docs/cello-telemetry.md section 1 (`otlpEndpoint`);
/// https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp
struct EndpointURL: Hashable {
    var scheme: String
    /// Host as written (IPv6 in brackets).
    var host: String
    var port: Int?
    /// "" or starting with "/", no trailing "/".
    var path: String

    init?(parsing text: String) {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") {
            scheme = "http"
            rest = text.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            scheme = "https"
            rest = text.dropFirst(8)
        } else {
            return nil
        }
        guard !rest.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) else { return nil }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
        guard !authority.contains("@") else { return nil }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[...close])
            let after = authority[authority.index(after: close)...]
            if after.isEmpty {
                port = nil
            } else {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()), (1...65535).contains(p) else { return nil }
                port = p
            }
            guard host.count > 2 else { return nil }
        } else if let colon = authority.firstIndex(of: ":") {
            host = String(authority[..<colon])
            guard let p = Int(authority[authority.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            port = p
        } else {
            host = String(authority)
            port = nil
        }
        guard !host.isEmpty else { return nil }
    }

    /// The URL text, without a trailing slash.
    var string: String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(path)"
    }

    /// The URL with `/v1/traces` appended, unless the path already ends with it.
    var withTracesPath: String {
        path.hasSuffix("/v1/traces") ? string : string + "/v1/traces"
    }
}
