@testable import CelloTelemetry
import Testing

@Suite("OTLPEndpoint")
struct OTLPEndpointTests {
    @Test("takes URLs apart", arguments: [
        ("http://127.0.0.1:4317", false, "127.0.0.1", 4317, ""),
        ("https://collector.example:443/v1/traces", true, "collector.example", 443, "/v1/traces"),
        ("http://localhost", false, "localhost", 80, ""),
        ("HTTPS://localhost", true, "localhost", 443, ""),
        ("http://[::1]:4318/v1/traces?x=1#f", false, "::1", 4318, "/v1/traces"),
    ])
    func parses(text: String, secure: Bool, host: String, port: Int, path: String) throws {
        let endpoint = try OTLPEndpoint(parsing: text)
        #expect(endpoint.isSecure == secure)
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
        #expect(endpoint.path == path)
    }

    @Test("restores IPv6 brackets in the origin")
    func origin() throws {
        #expect(try OTLPEndpoint(parsing: "http://[::1]:4318").origin == "http://[::1]:4318")
        #expect(try OTLPEndpoint(parsing: "https://h").origin == "https://h:443")
    }

    @Test("refuses what is not an http(s) URL with a host", arguments: [
        "", "localhost:4317", "ftp://h:1", "http://", "http://:4317", "http://h:0", "http://h:65536", "http://h:x",
        "http://u:p@h:1", "http://[::1", "http://[::1]x",
    ])
    func refuses(text: String) {
        #expect(throws: OTLPExportError.self) { try OTLPEndpoint(parsing: text) }
        do { _ = try OTLPEndpoint(parsing: text) } catch { #expect(error.code == .invalidEndpoint) }
    }
}
