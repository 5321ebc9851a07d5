import Testing

@testable import ConformanceKit

@Suite("SpanKindCheck")
struct SpanKindCheckTests {
    @Test("a clean A -> B -> C run passes: SERVER for requests received, CLIENT for calls made")
    func cleanChainPasses() {
        expectPassed(SpanKindCheck.evaluate(Fixture.run(Fixture.scenario())), "spanKinds")
    }

    @Test("a clean run with the context carried in by the traffic passes")
    func cleanCarriedInPasses() {
        let headers = [TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01")]
        expectPassed(SpanKindCheck.evaluate(Fixture.run(Fixture.scenario(headers: headers))), "spanKinds")
    }

    @Test("B's span for the request from A of another kind fails as a wrong kind", arguments: [1, 3, 4, 5])
    func serverSpanOfWrongKind(_ kind: Int) {
        var observed = Fixture.run(Fixture.scenario())
        observed.editSpans(where: { $0.service == "B" && $0.kind == 2 }) { $0.kind = kind }
        expectFailed(
            SpanKindCheck.evaluate(observed),
            "spanKinds",
            [
                "B span '\(Fixture.serverName)'", "handles a request from A",
                "is \(SpanKindCheck.kindName(kind)), expected SERVER",
            ]
        )
    }

    @Test("B's span for its call to C of another kind fails as a wrong kind", arguments: [1, 2, 4, 5])
    func clientSpanOfWrongKind(_ kind: Int) {
        var observed = Fixture.run(Fixture.scenario())
        observed.editSpans(where: { $0.service == "B" && $0.kind == 3 }) { $0.kind = kind }
        let result = SpanKindCheck.evaluate(observed)
        expectFailed(
            result,
            "spanKinds",
            ["B span 'GET'", "is its call to C", "is \(SpanKindCheck.kindName(kind)), expected CLIENT"]
        )
        #expect(!result.says("A span"))
    }

    @Test("an INTERNAL root span for a traffic request fails")
    func rootOfWrongKind() {
        var observed = Fixture.run(Fixture.scenario())
        observed.editSpans(where: { $0.service == "A" && $0.parentSpanID == nil }) { $0.kind = 1 }
        expectFailed(
            SpanKindCheck.evaluate(observed),
            "spanKinds",
            ["A root span", "handles a traffic request but is INTERNAL, expected SERVER"]
        )
    }

    @Test("no span tied to a request is not applicable")
    func nothingTiedNotApplicable() {
        var observed = Fixture.run(Fixture.scenario())
        observed.spans = []
        #expect(SpanKindCheck.evaluate(observed).status == .notApplicable)
    }
}
