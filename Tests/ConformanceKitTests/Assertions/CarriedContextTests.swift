import Testing

@testable import ConformanceKit

@Suite("CarriedContext")
struct CarriedContextTests {
    static let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let span = "00f067aa0ba902b7"

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var headers: [TrafficHeader]
        var format: PropagationFormat
        var traceID: String
        var spanID: String = CarriedContextTests.span
        var sampled: Bool?
        var debug: Bool = false
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(
            label: "traceparent",
            headers: [TrafficHeader(name: "traceparent", value: "00-\(trace)-\(span)-01")],
            format: .w3c,
            traceID: trace,
            sampled: true
        ),
        Case(
            label: "traceparent unsampled",
            headers: [TrafficHeader(name: "traceparent", value: "00-\(trace)-\(span)-00")],
            format: .w3c,
            traceID: trace,
            sampled: false
        ),
        Case(
            label: "b3 with a 64-bit trace id, left-padded",
            headers: [TrafficHeader(name: "b3", value: "\(trace.suffix(16))-\(span)-1")],
            format: .b3,
            traceID: String(repeating: "0", count: 16) + trace.suffix(16),
            sampled: true
        ),
        Case(
            label: "b3 debug",
            headers: [TrafficHeader(name: "b3", value: "\(trace)-\(span)-d")],
            format: .b3,
            traceID: trace,
            sampled: true,
            debug: true
        ),
        Case(
            label: "b3 without a sampling state",
            headers: [TrafficHeader(name: "b3", value: "\(trace)-\(span)")],
            format: .b3,
            traceID: trace,
            sampled: nil
        ),
        Case(
            label: "X-B3 set with Flags 1",
            headers: [
                TrafficHeader(name: "x-b3-traceid", value: trace), TrafficHeader(name: "x-b3-spanid", value: span),
                TrafficHeader(name: "x-b3-flags", value: "1"),
            ],
            format: .b3multi,
            traceID: trace,
            sampled: true,
            debug: true
        ),
        Case(
            label: "uber-trace-id with leading zeros missing",
            headers: [TrafficHeader(name: "uber-trace-id", value: "abc:def:0:1")],
            format: .jaeger,
            traceID: String(repeating: "0", count: 29) + "abc",
            spanID: "0000000000000def",
            sampled: true
        ),
        Case(
            label: "uber-trace-id percent-encoded with the debug bit",
            headers: [TrafficHeader(name: "uber-trace-id", value: "\(trace)%3A\(span)%3A0%3A03")],
            format: .jaeger,
            traceID: trace,
            sampled: true,
            debug: true
        ),
    ]

    @Test("reads the context each format carries", arguments: cases)
    func reads(_ expected: Case) throws {
        let hop = Fixture.hop("A", "B", expected.headers.map { (name: $0.name, value: $0.value) })
        let context = try #require(CarriedContext.first(hop, CarriedContext.allFormats))
        #expect(context.format == expected.format)
        #expect(context.traceID == expected.traceID)
        #expect(context.spanID == expected.spanID)
        #expect(context.sampled == expected.sampled)
        #expect(context.debug == expected.debug)
    }

    @Test("the first configured format that reads wins")
    func firstFormatWins() throws {
        let other = "11111111111111111111111111111111"
        let hop = Fixture.hop(
            "A",
            "B",
            [
                (name: "b3", value: "\(other)-\(Self.span)-1"),
                (name: "traceparent", value: "00-\(Self.trace)-\(Self.span)-01"),
            ]
        )
        #expect(try #require(CarriedContext.first(hop, [.b3, .w3c])).traceID == other)
        #expect(try #require(CarriedContext.first(hop, [.w3c, .b3])).traceID == Self.trace)
    }

    @Test("several tracestate fields are joined in order and baggage properties dropped")
    func tracestateAndBaggageMembers() {
        let hop = Fixture.hop(
            "A",
            "B",
            [
                (name: "tracestate", value: "a=1, b=2"), (name: "tracestate", value: "c=3"),
                (name: "baggage", value: "user=alice;prop=x, id=%2042"), (name: "uberctx-team", value: "core"),
            ]
        )
        #expect(hop.traceStateMembers.map { "\($0.key)=\($0.value)" } == ["a=1", "b=2", "c=3"])
        #expect(hop.baggageMembers == ["user=alice", "id= 42"])
        #expect(hop.uberBaggage == ["team=core"])
    }
}
