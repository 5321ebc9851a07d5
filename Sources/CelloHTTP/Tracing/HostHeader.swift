/// The `host[:port]` of a `Host` header, as the server span reports it in `server.address` / `server.port`.
struct HostHeader: Hashable, Sendable {
    var host: String
    var port: Int?

    /// Parses `name`, `name:port`, `1.2.3.4:port`, `[::1]` or `[::1]:port`; nil for anything else.
    init?(_ value: some StringProtocol) {
        let value = Substring(value)
        guard !value.isEmpty, !value.contains(where: { $0 == " " || $0 == "@" || $0 == "/" }) else { return nil }
        let hostPart: Substring
        let portPart: Substring?
        if value.first == "[" {
            guard let close = value.firstIndex(of: "]") else { return nil }
            hostPart = value[value.index(after: value.startIndex)..<close]
            let rest = value[value.index(after: close)...]
            if rest.isEmpty {
                portPart = nil
            } else {
                guard rest.first == ":" else { return nil }
                portPart = rest.dropFirst()
            }
        } else if let colon = value.lastIndex(of: ":") {
            hostPart = value[..<colon]
            portPart = value[value.index(after: colon)...]
        } else {
            hostPart = value
            portPart = nil
        }
        guard !hostPart.isEmpty else { return nil }
        if let portPart {
            guard let port = Int(portPart), (0...65535).contains(port) else { return nil }
            self.port = port
        } else {
            self.port = nil
        }
        self.host = String(hostPart)
    }
}
