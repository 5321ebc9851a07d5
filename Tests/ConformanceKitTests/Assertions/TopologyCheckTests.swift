import Testing

@testable import ConformanceKit

@Suite("TopologyCheck")
struct TopologyCheckTests {
    static let newTrace = Fixture.traceID(randomness: 0x77, high: 0x0123_4567_89ab_cdef)

    @Test("a clean chain or fan-out run passes", arguments: [Fixture.chain(), Fixture.fanOut()])
    func cleanPasses(_ services: [ServiceSpec]) {
        let result = TopologyCheck.evaluate(Fixture.run(Fixture.scenario(services)))
        expectPassed(result, "sharedTrace")
        #expect(result.summary.contains("4 kept traces"))
    }

    @Test("C dropping its parent fails, naming C and B")
    func droppedParent() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        observed.editSpans(where: { $0.traceID == trace && $0.service == "C" }) { $0.parentSpanID = nil }
        expectFailed(
            TopologyCheck.evaluate(observed),
            "sharedTrace",
            ["trace \(trace): C span", "has no parent span id (dropped parent); expected a span of B"]
        )
    }

    @Test("C starting a new trace id fails on both traces")
    func newTraceID() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        observed.editSpans(where: { $0.traceID == trace && $0.service == "C" }) { $0.traceID = Self.newTrace }
        let result = TopologyCheck.evaluate(observed)
        expectFailed(
            result,
            "sharedTrace",
            ["trace \(Self.newTrace) holds spans of C but none of A", "started a new trace id"]
        )
        #expect(result.says("trace \(trace): no C span; C's spans are in other trace ids"))
    }

    @Test("in a fan-out, C under a span that is not A's fails, naming C and A")
    func fanOutStrayParent() throws {
        var observed = Fixture.run(Fixture.scenario(Fixture.fanOut()))
        let trace = try #require(observed.keptTraceIDs.first)
        observed.editSpans(where: { $0.traceID == trace && $0.service == "C" }) { $0.parentSpanID = "1111111111111111" }
        let result = TopologyCheck.evaluate(observed)
        expectFailed(
            result,
            "sharedTrace",
            ["trace \(trace): C span", "has parent 1111111111111111, which is no span of A"]
        )
        #expect(!result.says("B span"))
    }

    @Test("in a fan-out, a branch with no span fails")
    func fanOutMissingBranch() throws {
        var observed = Fixture.run(Fixture.scenario(Fixture.fanOut()))
        let trace = try #require(observed.keptTraceIDs.first)
        observed.spans.removeAll { $0.traceID == trace && $0.service == "B" }
        expectFailed(TopologyCheck.evaluate(observed), "sharedTrace", ["trace \(trace): no span of B below A"])
    }

    @Test("fewer root spans than answered requests fails")
    func missingRoot() throws {
        var observed = Fixture.run(Fixture.scenario())
        let trace = try #require(observed.keptTraceIDs.first)
        observed.spans.removeAll { $0.traceID == trace }
        expectFailed(
            TopologyCheck.evaluate(observed),
            "sharedTrace",
            ["4 requests answered but 3 root 'A server' spans received"]
        )
    }

    @Test("a trace a hop recorded although its parent sent sampled=0 is left to the sampling rule")
    func unsampledTraceNotBlamed() throws {
        var observed = Fixture.run(Fixture.scenario(Fixture.chain().configuring("A") { $0.samplingRate = 0.5 }))
        let hop = try #require(
            observed.hops.first { $0.source == "A" && CarriedContext.first($0, [.w3c])?.sampled == false }
        )
        let parent = try #require(CarriedContext.first(hop, [.w3c]))
        observed.spans.append(
            Fixture.span(trace: parent.traceID, id: "b0b0b0b0b0b0b0b0", parent: parent.spanID, kind: 2, service: "B")
        )
        expectPassed(TopologyCheck.evaluate(observed), "sharedTrace")
    }

    @Test("edges of a service whose exports stall by design are not judged")
    func faultedServiceSkipped() {
        let scenario = Fixture.scenario(
            Fixture.chain().configuring("B") {
                $0.exportProtocol = "http/protobuf"
                $0.exportTimeoutMs = 500
            },
            faults: "http:\n  - action: stall\n"
        )
        let observed = Fixture.run(scenario)
        #expect(observed.spans.allSatisfy { $0.service != "B" })
        expectPassed(TopologyCheck.evaluate(observed), "sharedTrace")
    }
}
