import CelloTelemetry
import Testing

@Suite("TraceState")
struct TraceStateTests {
    @Test(
        "valid headers parse, with optional whitespace and empty members",
        arguments: [
            ("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", ["rojo", "congo"]),
            ("rojo=00f067aa0ba902b7 , \t congo=t61rcWkgMzE", ["rojo", "congo"]),
            ("rojo=1,,congo=2", ["rojo", "congo"]),
            ("fw529a3039@dt=aGVsbG8", ["fw529a3039@dt"]),
            ("1tenant@vendor=x", ["1tenant@vendor"]),
            ("a*b/c_d-e=v a l", ["a*b/c_d-e"]),
        ])
    func valid(_ header: String, _ keys: [String]) throws {
        let state = try #require(TraceState(header: header))
        #expect(state.members.map(\.key) == keys)
    }

    @Test(
        "invalid headers are refused",
        arguments: [
            "Rojo=1",  // upper-case key
            "1abc=1",  // simple key must start with a letter
            "rojo",  // no value
            "rojo=",  // empty value
            "rojo=\u{FC}",  // non-ASCII value
            "rojo=a\tb",  // tab in value
            "rojo=a,rojo=b",  // duplicate key
            "ro jo=1",
            "rojo=a=b",  // "=" in value
            "@vendor=1",
            "tenant@=1",
            "tenant@1vendor=1",  // system id must start with a letter
            "tenant@vendorvendorvendo=1",  // system id longer than 14
        ])
    func invalid(_ header: String) {
        #expect(TraceState(header: header) == nil)
    }

    @Test("32 members are accepted, 33 are refused")
    func memberLimit() {
        let members = (0..<33).map { "k\($0)=v" }
        #expect(TraceState(header: members.prefix(32).joined(separator: ","))?.members.count == 32)
        #expect(TraceState(header: members.joined(separator: ",")) == nil)
    }

    @Test("a list over 512 characters loses long members first, then from the right")
    func truncation() throws {
        let long = "big=" + String(repeating: "x", count: 200)
        let small = (0..<30).map { "k\($0)=" + String(repeating: "v", count: 10) }
        let header = ([long] + small).joined(separator: ",")
        let state = try #require(TraceState(header: header))
        #expect(state.header.utf8.count <= 512)
        #expect(state["big"] == nil)
        #expect(state["k0"] != nil)
    }

    @Test("setting a value moves it to the front")
    func setMovesToFront() throws {
        var state = try #require(TraceState(header: "a=1,b=2,c=3"))
        let accepted = state.set("9", forKey: "c")
        #expect(accepted)
        #expect(state.header == "c=9,a=1,b=2")
        let refused = state.set("bad,value", forKey: "d")
        #expect(refused == false)
        state.removeValue(forKey: "a")
        #expect(state.header == "c=9,b=2")
    }
}
