import Testing

@testable import ConformanceKit

@Suite("TraceStateRules")
struct TraceStateRulesTests {
    @Test(
        "a key of lcalpha or digit then keychars (@ anywhere after the first, repeated) up to 256 is valid",
        arguments: [
            "foo@", "foo@@bar", "foo@bar@baz", "a", "0vendor", "a_-*/@z", "tenant@system",
            String(repeating: "a", count: 256),
        ]
    )
    func validKeys(_ key: String) {
        #expect(TraceStateRules.validKey(key))
    }

    @Test(
        "a key starting with @ or _, with upper case or other characters, empty or of 257 is invalid",
        arguments: ["@foo", "_foo", "Foo", "foO", "", "a b", "a=b", "a,b", "ä", String(repeating: "a", count: 257)]
    )
    func invalidKeys(_ key: String) {
        #expect(!TraceStateRules.validKey(key))
    }

    @Test("a value is printable ASCII without , and =, not ending in a space", arguments: ["v", "a b", "x~!", "0"])
    func validValues(_ value: String) {
        #expect(TraceStateRules.validValue(value))
    }

    @Test(
        "an empty value, one ending in a space, or holding , or = is invalid",
        arguments: ["", "v ", "a,b", "a=b", "\u{7f}"]
    )
    func invalidValues(_ value: String) {
        #expect(!TraceStateRules.validValue(value))
    }

    @Test("32 members are valid, 33 are not")
    func memberLimit() throws {
        let members = (0..<33).map { (key: "k\($0)", value: "v") }
        #expect(TraceStateRules.invalid(Array(members.prefix(32))) == nil)
        let complaint = try #require(TraceStateRules.invalid(members))
        #expect(complaint.contains("33 members"))
    }

    @Test("a list with a duplicated key is valid (Level 2 keeps it)")
    func duplicateKeysTolerated() {
        #expect(TraceStateRules.invalid([(key: "a", value: "1"), (key: "a", value: "2")]) == nil)
    }

    @Test("an invalid key inside a list is named")
    func invalidKeyNamed() {
        #expect(
            TraceStateRules.invalid([(key: "ok", value: "1"), (key: "@bad", value: "2")])?.contains("'@bad'") == true
        )
    }

    struct Forwarding: Sendable, CustomTestStringConvertible {
        var received: String
        var sent: String
        var allowed: Bool
        var testDescription: String { "'\(received)' -> '\(sent)'" }
    }

    static func members(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: ",").map { member in
            let parts = member.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    @Test(
        "forwarding keeps every member in order; only the hop's own member may be new, at the front",
        arguments: [
            Forwarding(received: "a=1,b=2", sent: "a=1,b=2", allowed: true),
            Forwarding(received: "a=1,b=2", sent: "own=x,a=1,b=2", allowed: true),
            Forwarding(received: "a=1,b=2", sent: "b=3,a=1", allowed: true),
            Forwarding(received: "", sent: "own=x", allowed: true),
            Forwarding(received: "a=1,b=2", sent: "", allowed: false),
            Forwarding(received: "a=1,b=2", sent: "b=2,a=1", allowed: false),
            Forwarding(received: "a=1,b=2", sent: "a=1", allowed: false),
            Forwarding(received: "a=1,b=2", sent: "a=1,b=2,own=x", allowed: false),
            Forwarding(received: "a=1,b=2", sent: "a=9,b=9", allowed: false),
            Forwarding(received: "a=1,b=2,c=3", sent: "a=1,c=3", allowed: false),
        ]
    )
    func forwarding(_ case: Forwarding) {
        let problem = TraceStateRules.forwardingProblem(
            received: Self.members(`case`.received),
            sent: Self.members(`case`.sent)
        )
        #expect((problem == nil) == `case`.allowed, "\(problem ?? "allowed")")
    }
}
