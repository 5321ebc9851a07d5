import Testing

@testable import CelloHTTP

@Suite("ClientTarget")
struct ClientTargetTests {
    @Test("url.full drops userinfo, query and fragment and keeps the port as written")
    func redacts() throws {
        let target = try ClientTarget("http://alice:secret@127.0.0.1:8080/api/users/1?token=abc#frag")
        #expect(target.redacted == "http://127.0.0.1:8080/api/users/1")
        #expect(target.host == "127.0.0.1")
        #expect(target.port == 8080)
        #expect(target.hasUserInfo)
        #expect(target.hasQueryOrFragment)
    }

    @Test("default ports, IPv6 hosts and empty paths")
    func defaults() throws {
        let plain = try ClientTarget("http://example.test")
        #expect(plain.port == 80)
        #expect(plain.redacted == "http://example.test/")
        let secure = try ClientTarget("HTTPS://example.test/x")
        #expect(secure.port == 443)
        let v6 = try ClientTarget("http://[::1]:9000/a")
        #expect(v6.host == "::1")
        #expect(v6.redacted == "http://[::1]:9000/a")
    }

    @Test(
        "refuses what is not an http(s) URL with a host",
        arguments: ["", "127.0.0.1:80", "ftp://h/x", "http://", "http://:80", "http://h:99999", "http://h:0/", "http://h:x",
                    "http://h /x", "http://[::1/x"]
    )
    func refuses(_ text: String) {
        do {
            _ = try ClientTarget(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .invalidURL)
        }
    }
}
