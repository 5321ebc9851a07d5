import CelloTelemetry
import Testing

@Suite("TraceState")
struct TraceStateTests {
    static let key256 = "k" + String(repeating: "a", count: 255)
    static let value256 = String(repeating: "v", count: 256)

    @Test(
        "valid headers parse, with optional whitespace and empty members",
        arguments: [
            ("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", ["rojo", "congo"]),
            ("rojo=00f067aa0ba902b7 , \t congo=t61rcWkgMzE", ["rojo", "congo"]),
            ("rojo=1,,congo=2", ["rojo", "congo"]),
            (",rojo=1, ,", ["rojo"]),
            ("fw529a3039@dt=aGVsbG8", ["fw529a3039@dt"]),
            ("1tenant@vendor=x", ["1tenant@vendor"]),
            ("a*b/c_d-e=v a l", ["a*b/c_d-e"]),
            ("rojo= leading", ["rojo"]),
        ])
    func valid(_ header: String, _ keys: [String]) throws {
        let state = try #require(TraceState(header: header))
        #expect(state.members.map(\.key) == keys)
    }

    @Test(
        "Level 2 keys start with a letter or digit and may hold @ anywhere after it, any number of times",
        arguments: [
            "foo@", "foo@@bar", "foo@bar@baz", "1abc", "0", "tenant@1vendor", "tenant@vendorvendorvendo",
            String(repeating: "t", count: 241) + "@vendor", key256,
        ])
    func level2Keys(_ key: String) throws {
        let state = try #require(TraceState(header: "\(key)=1,bar=2"))
        #expect(state[key] == "1")
        #expect(state["bar"] == "2")
    }

    @Test(
        "invalid headers are refused",
        arguments: [
            "Rojo=1",  // upper-case key
            "@foo=1,bar=2",  // "@" first
            "_foo=1",  // "_" first
            key256 + "a=1",  // 257-character key
            "rojo",  // no value
            "rojo=",  // empty value (`0*255(chr) nblk-chr` needs one character)
            "rojo=\u{FC}",  // non-ASCII value
            "rojo=a\tb",  // tab in value
            "rojo=a\u{1}b",  // control character in value
            "rojo=" + value256 + "v",  // 257-character value
            "ro jo=1",
            "foo.bar=1",
            "rojo=a=b",  // "=" in value
            "rojo=1,FOO=2",  // one bad member spoils the list
        ])
    func invalid(_ header: String) {
        #expect(TraceState(header: header) == nil)
    }

    @Test("a 256-character value and a value with inner spaces are kept as sent")
    func valueLimits() throws {
        let state = try #require(TraceState(header: "a=\(Self.value256),b=x  y , c=1"))
        #expect(state["a"] == Self.value256)
        #expect(state["b"] == "x  y")
    }

    @Test("a repeated key keeps the list as it came; lookups see the left-most member, set replaces all", arguments: [
        "foo=1,foo=1", "foo=1,foo=2", "foo=1,bar=2,foo=3",
    ])
    func duplicates(_ header: String) throws {
        var state = try #require(TraceState(header: header))
        #expect(state.header == header)
        #expect(state["foo"] == "1")
        state.set("9", forKey: "foo")
        #expect(state.members.filter { $0.key == "foo" }.map(\.value) == ["9"])
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

    @Test("a list of 512 characters is kept whole; at 513 the right-most long member goes")
    func lengthLimit() throws {
        let a = "a=" + String(repeating: "v", count: 254)
        let whole = try #require(TraceState(header: a + ",b=" + String(repeating: "v", count: 253)))
        #expect(whole.header.utf8.count == 512)
        #expect(whole.members.count == 2)
        let over = try #require(TraceState(header: a + ",b=" + String(repeating: "v", count: 254)))
        #expect(over.header == a)
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
