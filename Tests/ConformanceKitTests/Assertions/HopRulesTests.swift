import Testing

@testable import ConformanceKit

@Suite("HopRules")
struct HopRulesTests {
    static let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let span = "00f067aa0ba902b7"

    struct Header: Sendable, CustomTestStringConvertible {
        var name: String
        var value: String
        var testDescription: String { "\(name): \(value)" }
    }

    @Test(
        "well-formed context headers pass",
        arguments: [
            Header(name: "traceparent", value: "00-\(trace)-\(span)-01"),
            Header(name: "traceparent", value: "01-\(trace)-\(span)-01-future"),
            Header(name: "b3", value: "\(trace)-\(span)-1"),
            Header(name: "b3", value: "\(trace.suffix(16))-\(span)-d-\(span)"),
            Header(name: "b3", value: "0"),
            Header(name: "uber-trace-id", value: "abc:def:0:1"),
            Header(name: "uber-trace-id", value: "\(trace)%3A\(span)%3A0%3A01"),
            Header(name: "x-b3-traceid", value: String(trace.suffix(16))),
            Header(name: "x-b3-spanid", value: span),
        ]
    )
    func wellFormed(_ header: Header) {
        #expect(HopRules.malformed(header.name, header.value) == nil)
    }

    @Test(
        "malformed context headers are refused with the value",
        arguments: [
            Header(name: "traceparent", value: "00-\(trace.uppercased())-\(span)-01"),
            Header(name: "traceparent", value: "ff-\(trace)-\(span)-01"),
            Header(name: "traceparent", value: "00-\(String(repeating: "0", count: 32))-\(span)-01"),
            Header(name: "traceparent", value: "00-\(trace)-\(String(repeating: "0", count: 16))-01"),
            Header(name: "traceparent", value: "00-\(trace)-\(span)-01-extra"),
            Header(name: "traceparent", value: "00-\(trace)-\(span)"),
            Header(name: "b3", value: "\(trace)-\(span)"),
            Header(name: "b3", value: "\(trace)-\(span)-x"),
            Header(name: "b3", value: "abc-\(span)-1"),
            Header(name: "uber-trace-id", value: "\(trace):\(span):0"),
            Header(name: "uber-trace-id", value: "xyz:\(span):0:1"),
            Header(name: "x-b3-traceid", value: "abc"),
            Header(name: "x-b3-spanid", value: trace),
        ]
    )
    func malformed(_ header: Header) throws {
        let complaint = try #require(HopRules.malformed(header.name, header.value))
        #expect(complaint.contains(header.value))
    }

    @Test("each configured format is required and no other format may appear")
    func syntaxAgainstFormats() {
        let hop = Fixture.hop("A", "B", [(name: "traceparent", value: "00-\(Self.trace)-\(Self.span)-01")])
        #expect(HopRules.syntax(hop, [.w3c]).isEmpty)
        let rules = HopRules.syntax(hop, [.b3]).map(\.rule)
        #expect(rules == ["missing b3", "unexpected traceparent"])
    }
}
