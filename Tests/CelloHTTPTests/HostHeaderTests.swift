import Testing

@testable import CelloHTTP

@Suite("HostHeader")
struct HostHeaderTests {
    @Test("parses name, name:port, IPv4 and bracketed IPv6")
    func parses() {
        #expect(HostHeader("example.test") == HostHeader(host: "example.test", port: nil))
        #expect(HostHeader("127.0.0.1:8080")?.port == 8080)
        #expect(HostHeader("[::1]:81") == HostHeader(host: "::1", port: 81))
        #expect(HostHeader("[::1]")?.host == "::1")
    }

    @Test("refuses malformed values", arguments: ["", ":80", "h:", "h:70000", "a b", "u@h", "[::1", "[::1]x"])
    func refuses(_ text: String) {
        #expect(HostHeader(text) == nil)
    }
}

extension HostHeader {
    init(host: String, port: Int?) {
        self.init("x")!
        self.host = host
        self.port = port
    }
}
