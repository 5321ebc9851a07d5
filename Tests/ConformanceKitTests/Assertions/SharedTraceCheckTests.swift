import Testing

@testable import ConformanceKit

@Suite("SharedTraceCheck")
struct SharedTraceCheckTests {
    static let chain = SharedTraceExpectation(chain: [
        SpanSelector(service: "A", kind: 2), SpanSelector(service: "A", kind: 3), SpanSelector(service: "B", kind: 2),
        SpanSelector(service: "B", kind: 3), SpanSelector(service: "C", kind: 2),
    ])

    @Test("a clean A -> B -> C run has the chain A server -> A client -> B server -> B client -> C server")
    func cleanPasses() {
        let result = SharedTraceCheck.evaluate(Self.chain, Fixture.run(Fixture.scenario()))
        expectPassed(result, "sharedTrace")
        #expect(result.evidence.first?.contains("A server") == true)
    }

    @Test("a fan-out passes a chain through either branch")
    func fanOutBranch() {
        let branch = SharedTraceExpectation(chain: [
            SpanSelector(service: "A", kind: 2), SpanSelector(service: "A", kind: 3),
            SpanSelector(service: "C", kind: 2),
        ])
        expectPassed(SharedTraceCheck.evaluate(branch, Fixture.run(Fixture.scenario(Fixture.fanOut()))), "sharedTrace")
    }

    @Test("a sampled scenario passes with only the kept requests as roots")
    func sampledScenarioPasses() {
        let observed = Fixture.run(
            Fixture.scenario(Fixture.chain().configuring("A") { $0.samplingRate = 0.5 }, count: 20)
        )
        #expect(observed.roots.count == 10)
        expectPassed(SharedTraceCheck.evaluate(Self.chain, observed), "sharedTrace")
    }

    @Test("with the context carried in by the traffic, the entry span under the traffic's parent is the root")
    func carriedInContextPasses() {
        let headers = [TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01")]
        let observed = Fixture.run(Fixture.scenario(headers: headers))
        expectPassed(SharedTraceCheck.evaluate(Self.chain, observed), "sharedTrace")
    }

    @Test("B's call span exported as INTERNAL is reported as a wrong kind, not as a missing span")
    func wrongKindIsNamed() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        let client = try #require(observed.span("B", kind: 3, in: trace))
        observed.editSpans(where: { $0.spanID == client.spanID }) { $0.kind = 1 }
        expectFailed(
            SharedTraceCheck.evaluate(Self.chain, observed),
            "sharedTrace",
            ["B span", client.spanID, "is INTERNAL: a wrong span kind"]
        )
    }

    @Test("C dropping its parent fails, naming C server and B's span")
    func droppedParent() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        let client = try #require(observed.span("B", kind: 3, in: trace))
        observed.editSpans(where: { $0.traceID == trace && $0.service == "C" }) { $0.parentSpanID = nil }
        expectFailed(
            SharedTraceCheck.evaluate(Self.chain, observed),
            "sharedTrace",
            ["trace \(trace): 'C server' span", "(dropped parent); expected parent B span \(client.spanID)"]
        )
    }

    @Test("C parented on B's server span instead of its client span fails")
    func wrongParent() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        let server = try #require(observed.span("B", kind: 2, in: trace))
        let client = try #require(observed.span("B", kind: 3, in: trace))
        observed.editSpans(where: { $0.traceID == trace && $0.service == "C" }) { $0.parentSpanID = server.spanID }
        expectFailed(
            SharedTraceCheck.evaluate(Self.chain, observed),
            "sharedTrace",
            ["'C server' span", "has parent \(server.spanID), expected \(client.spanID) (B client)"]
        )
    }

    @Test("C starting a new trace id fails, naming C")
    func newTraceID() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        let fresh = Fixture.traceID(randomness: 0x77, high: 0x0123_4567_89ab_cdef)
        observed.editSpans(where: { $0.traceID == trace && $0.service == "C" }) { $0.traceID = fresh }
        let result = SharedTraceCheck.evaluate(Self.chain, observed)
        expectFailed(result, "sharedTrace", ["trace \(trace): no 'C server' span", "C started a new trace id"])
        #expect(result.says("trace \(fresh) holds spans of C but no 'A server' root"))
    }

    @Test("fewer roots than requests fails")
    func missingRoot() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        observed.spans.removeAll { $0.traceID == trace }
        expectFailed(
            SharedTraceCheck.evaluate(Self.chain, observed),
            "sharedTrace",
            ["4 requests sent but 3 root 'A server' spans"]
        )
    }
}
