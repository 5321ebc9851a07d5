/// The parts of an outgoing `http(s)://` URL the client span records, parsed without Foundation.
///
/// `url.full` keeps scheme, host, port and path and drops userinfo, query and fragment
/// (docs/cello-telemetry.md section 3.2: "no userinfo, no query").
public struct ClientTarget: Hashable, Sendable {
    public var scheme: String
    /// The host without brackets (`::1` for `[::1]`).
    public var host: String
    /// The explicit port, or 80 / 443 for the scheme.
    public var port: Int
    /// The path, `/` when the URL has none.
    public var path: String
    /// Whether the URL spelled the port out (`url.full` keeps it as written).
    public var hasExplicitPort: Bool
    public var hasUserInfo: Bool
    public var hasQueryOrFragment: Bool

    /// Parses an absolute `http` or `https` URL.
    /// - Throws: `HTTPClientCallError` with code `.invalidURL` saying which part is wrong.
    public init(_ url: String) throws(HTTPClientCallError) {
        func invalid(_ why: String) -> HTTPClientCallError {
            HTTPClientCallError(.invalidURL, "\"\(url)\" is not a valid http(s) URL: \(why)")
        }
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else {
            throw invalid("expected scheme://host")
        }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("scheme must be http or https") }
        var rest = url[url.index(colon, offsetBy: 3)...]
        guard !rest.contains(where: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) else {
            throw invalid("contains whitespace")
        }
        var hasQueryOrFragment = false
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            hasQueryOrFragment = true
            rest = rest[..<cut]
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]
        var hasUserInfo = false
        if let at = authority.lastIndex(of: "@") {
            hasUserInfo = true
            authority = authority[authority.index(after: at)...]
        }
        guard let hostPort = HostHeader(authority) else { throw invalid("host or port is missing or malformed") }
        let defaultPort = scheme == "https" ? 443 : 80
        guard hostPort.port != 0 else { throw invalid("port 0 cannot be called") }
        self.scheme = scheme
        self.host = hostPort.host
        self.port = hostPort.port ?? defaultPort
        self.hasExplicitPort = hostPort.port != nil
        self.path = path.isEmpty ? "/" : String(path)
        self.hasUserInfo = hasUserInfo
        self.hasQueryOrFragment = hasQueryOrFragment
    }

    /// `scheme://host[:port]/path`, IPv6 hosts in brackets, the port as the URL wrote it.
    public var redacted: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let port = self.hasExplicitPort ? ":\(self.port)" : ""
        return "\(self.scheme)://\(host)\(port)\(self.path)"
    }
}
