import Testing

@testable import ConformanceKit

@Suite("PropagationCheck")
struct PropagationCheckTests {
    /// Context carried in by the traffic, so tracestate and baggage travel A -> B -> C.
    static let carriedIn = [
        TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01"),
        TrafficHeader(name: "tracestate", value: "a=1,b=2"),
        TrafficHeader(name: "baggage", value: "user=alice"),
    ]

    static func run(_ formats: [PropagationFormat] = [.w3c], headers: [TrafficHeader] = []) -> Observations {
        let services = Fixture.chain().map { service in
            var service = service
            service.propagation = formats
            return service
        }
        return Fixture.run(Fixture.scenario(services, headers: headers))
    }

    /// The context B sent on one request (trace id, parent id).
    static func sent(_ hop: RecordedHop) -> CarriedContext {
        CarriedContext.first(hop, CarriedContext.allFormats)!
    }

    struct Defect: Sendable, CustomTestStringConvertible {
        var label: String
        var formats: [PropagationFormat] = [.w3c]
        var headers: [TrafficHeader] = []
        /// Breaks what B sends to C.
        var breakB: @Sendable (inout RecordedHop, [QueriedSpan]) -> Void
        /// What the failure must say, besides `B -> C`.
        var says: [String]
        var testDescription: String { label }
    }

    static let defects: [Defect] = [
        Defect(
            label: "missing traceparent",
            breakB: { hop, _ in hop.remove("traceparent") },
            says: ["missing traceparent"]
        ),
        Defect(
            label: "upper-case traceparent",
            breakB: { hop, _ in hop.set("traceparent", hop.values("traceparent")[0].uppercased()) },
            says: ["is not lower-case hex"]
        ),
        Defect(
            label: "two traceparent headers",
            breakB: { hop, _ in hop.headers.append((name: "traceparent", value: hop.values("traceparent")[0])) },
            says: ["2 traceparent headers"]
        ),
        Defect(
            label: "malformed traceparent",
            breakB: { hop, _ in hop.set("traceparent", "00-abc-def-01") },
            says: ["malformed traceparent"]
        ),
        Defect(
            label: "b3 without sampling state",
            formats: [.b3],
            breakB: { hop, _ in
                let context = PropagationCheckTests.sent(hop)
                hop.set("b3", "\(context.traceID)-\(context.spanID)")
            },
            says: ["has no sampling state"]
        ),
        Defect(
            label: "X-B3-Sampled missing",
            formats: [.b3multi],
            breakB: { hop, _ in hop.remove("x-b3-sampled") },
            says: ["the sampling state is not sent"]
        ),
        Defect(
            label: "tracestate dropped",
            headers: PropagationCheckTests.carriedIn,
            breakB: { hop, _ in hop.remove("tracestate") },
            says: ["tracestate not forwarded", "a=1,b=2"]
        ),
        Defect(
            label: "tracestate reordered",
            headers: PropagationCheckTests.carriedIn,
            breakB: { hop, _ in hop.set("tracestate", "b=2,a=1") },
            says: ["tracestate changed"]
        ),
        Defect(
            label: "own member appended at the end",
            headers: PropagationCheckTests.carriedIn,
            breakB: { hop, _ in hop.set("tracestate", "a=1,b=2,own=x") },
            says: ["tracestate changed"]
        ),
        Defect(
            label: "tracestate member dropped without need",
            headers: PropagationCheckTests.carriedIn,
            breakB: { hop, _ in hop.set("tracestate", "a=1") },
            says: ["tracestate members dropped", "'b=2'"]
        ),
        Defect(
            label: "baggage dropped",
            headers: PropagationCheckTests.carriedIn,
            breakB: { hop, _ in hop.remove("baggage") },
            says: ["baggage not forwarded", "user=alice"]
        ),
        Defect(
            label: "uberctx baggage dropped",
            formats: [.jaeger],
            headers: [
                TrafficHeader(name: "uber-trace-id", value: "{traceId}:{spanId}:0:01"),
                TrafficHeader(name: "uberctx-user", value: "alice"),
            ],
            breakB: { hop, _ in hop.remove("uberctx-user") },
            says: ["uberctx- baggage not forwarded", "user=alice"]
        ),
        Defect(
            label: "sampled flag flipped",
            breakB: { hop, _ in
                let context = PropagationCheckTests.sent(hop)
                hop.set("traceparent", "00-\(context.traceID)-\(context.spanID)-00")
            },
            says: ["sent sampled=0 for a request that arrived with sampled=1", "B ignores the sampled flag"]
        ),
        Defect(
            label: "new trace id",
            breakB: { hop, _ in
                let context = PropagationCheckTests.sent(hop)
                let fresh = Fixture.traceID(randomness: 0x42, high: 0x1234_5678_9abc_def0)
                hop.set("traceparent", "00-\(fresh)-\(context.spanID)-01")
            },
            says: ["which no request into B carried", "B started a new trace id"]
        ),
        Defect(
            label: "parent id is the sender's SERVER span",
            breakB: { hop, spans in
                let context = PropagationCheckTests.sent(hop)
                let server = spans.first { $0.service == "B" && $0.kind == 2 && $0.traceID == context.traceID }!
                hop.set("traceparent", "00-\(context.traceID)-\(server.spanID)-01")
            },
            says: ["which is B's SERVER span", "not the CLIENT span"]
        ),
        Defect(
            label: "parent id of no span of the sender",
            breakB: { hop, _ in
                let context = PropagationCheckTests.sent(hop)
                hop.set("traceparent", "00-\(context.traceID)-1111111111111111-01")
            },
            says: ["sent parent id 1111111111111111, which is none of the spans B exported"]
        ),
        Defect(
            label: "traceparent forwarded unchanged (A's client span as parent)",
            breakB: { hop, spans in
                let context = PropagationCheckTests.sent(hop)
                let client = spans.first { $0.service == "A" && $0.kind == 3 && $0.traceID == context.traceID }!
                hop.set("traceparent", "00-\(context.traceID)-\(client.spanID)-01")
            },
            says: ["sent parent id", "which is none of the spans B exported"]
        ),
        Defect(
            label: "jaeger 64-bit cut of a 128-bit trace id",
            formats: [.jaeger],
            breakB: { hop, _ in
                let context = PropagationCheckTests.sent(hop)
                hop.set("uber-trace-id", "\(context.traceID.suffix(16)):\(context.spanID):0:01")
            },
            says: ["the 128-bit trace id was cut to 64 bits"]
        ),
        Defect(
            label: "unexpected format header",
            breakB: { hop, _ in
                let context = PropagationCheckTests.sent(hop)
                hop.headers.append((name: "b3", value: "\(context.traceID)-\(context.spanID)-1"))
            },
            says: ["unexpected b3 header", "b3 is not configured"]
        ),
    ]

    @Test(
        "a clean A -> B -> C run passes in every format",
        arguments: [[PropagationFormat.w3c], [.b3], [.b3multi], [.jaeger], [.w3c, .b3]]
    )
    func cleanChainPasses(_ formats: [PropagationFormat]) {
        expectPassed(PropagationCheck.evaluate(nil, Self.run(formats)), "propagation")
    }

    @Test("a clean run forwarding tracestate and baggage passes")
    func cleanForwardingPasses() {
        let observed = Self.run(headers: Self.carriedIn)
        #expect(observed.hops.filter { $0.source == "B" }.allSatisfy { $0.values("tracestate") == ["a=1,b=2"] })
        expectPassed(PropagationCheck.evaluate(nil, observed), "propagation")
    }

    @Test("a defect in what B sends fails, naming B -> C and not A -> B", arguments: defects)
    func defectFails(_ defect: Defect) {
        var observed = Self.run(defect.formats, headers: defect.headers)
        let spans = observed.spans
        observed.editHops(from: "B") { defect.breakB(&$0, spans) }
        let result = PropagationCheck.evaluate(nil, observed)
        expectFailed(result, "propagation", ["B -> C", Fixture.path] + defect.says)
        #expect(!result.says("A -> B \(Fixture.path):"))
    }

    struct Allowed: Sendable, CustomTestStringConvertible {
        var label: String
        var received: String
        /// What B sends on, given what it received.
        var sent: String
        var testDescription: String { label }
    }

    static let members32 = (0..<32).map { "m\($0)=v" }
    static let long = (0..<4).map { "k\($0)=" + String(repeating: "x", count: 120) }

    static let allowed: [Allowed] = [
        Allowed(label: "B prepends its own member", received: "a=1,b=2", sent: "own=x,a=1,b=2"),
        Allowed(label: "B updates its member and moves it to the front", received: "a=1,b=2", sent: "b=9,a=1"),
        Allowed(
            label: "B drops the last member to stay within 32",
            received: PropagationCheckTests.members32.joined(separator: ","),
            sent: (["own=x"] + PropagationCheckTests.members32.dropLast()).joined(separator: ",")
        ),
        Allowed(
            label: "B drops the last member to stay within 512 characters",
            received: PropagationCheckTests.long.joined(separator: ","),
            sent: (["own=" + String(repeating: "y", count: 30)] + PropagationCheckTests.long.dropLast()).joined(
                separator: ","
            )
        ),
    ]

    @Test("a tracestate change Level 2 allows passes", arguments: allowed)
    func allowedChangePasses(_ allowed: Allowed) {
        let headers = [
            TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01"),
            TrafficHeader(name: "tracestate", value: allowed.received),
        ]
        var observed = Self.run(headers: headers)
        observed.editHops(from: "B") { $0.set("tracestate", allowed.sent) }
        expectPassed(PropagationCheck.evaluate(nil, observed), "propagation")
    }

    @Test("members dropped from a list under 32 members fail where dropping beyond 32 passes")
    func droppingWithoutNeedFails() {
        let received = Array(Self.members32.prefix(10))
        let headers = [
            TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01"),
            TrafficHeader(name: "tracestate", value: received.joined(separator: ",")),
        ]
        var observed = Self.run(headers: headers)
        observed.editHops(from: "B") { $0.set("tracestate", (["own=x"] + received.dropLast()).joined(separator: ",")) }
        expectFailed(
            PropagationCheck.evaluate(nil, observed),
            "propagation",
            ["B -> C", "tracestate members dropped", "m9=v"]
        )
    }

    @Test("a received tracestate that is itself invalid may be dropped whole")
    func invalidReceivedListMayBeDropped() {
        let headers = [
            TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01"),
            TrafficHeader(name: "tracestate", value: (0..<33).map { "m\($0)=v" }.joined(separator: ",")),
        ]
        var observed = Self.run(headers: headers)
        observed.editHops(from: "A") { $0.remove("tracestate") }
        observed.editHops(from: "B") { $0.remove("tracestate") }
        expectPassed(PropagationCheck.evaluate(nil, observed), "propagation")
    }

    @Test("forwarding 33 members unchanged fails the tracestate syntax")
    func forwardingOverLongListFails() {
        let headers = [
            TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01"),
            TrafficHeader(name: "tracestate", value: (0..<33).map { "m\($0)=v" }.joined(separator: ",")),
        ]
        expectFailed(
            PropagationCheck.evaluate(nil, Self.run(headers: headers)),
            "propagation",
            ["A -> B", "has 33 members, over the limit of 32"]
        )
    }

    @Test("the expectation's format overrides the configured one")
    func expectationFormatOverrides() {
        let result = PropagationCheck.evaluate(PropagationExpectation(format: .b3), Self.run([.w3c]))
        expectFailed(result, "propagation", ["A -> B", "missing b3 header"])
        #expect(result.says("unexpected traceparent header"))
    }

    @Test("B flipping an unsampled request to sampled fails")
    func unsampledFlippedToSampled() throws {
        let services = Fixture.chain().configuring("A") { $0.samplingRate = 0.5 }
        var observed = Fixture.run(Fixture.scenario(services))
        let hop = try #require(observed.hops.first { $0.source == "B" && Self.sent($0).sampled == false })
        let trace = Self.sent(hop).traceID
        observed.editHops(from: "B") { hop in
            let context = Self.sent(hop)
            if context.traceID == trace { hop.set("traceparent", "00-\(trace)-\(context.spanID)-01") }
        }
        expectFailed(
            PropagationCheck.evaluate(nil, observed),
            "propagation",
            ["B -> C", "sent sampled=1 for a request that arrived with sampled=0"]
        )
    }

    @Test("off for B skips what B sends and still judges A")
    func offForOneService() {
        var observed = Self.run()
        observed.scenario.expectations.off["propagation"] = RuleSwitch(reason: "B is a stub", services: ["B"])
        observed.editHops(from: "B") { $0.remove("traceparent") }
        expectPassed(PropagationCheck.evaluate(nil, observed), "propagation")
        observed.editHops(from: "A") { $0.remove("traceparent") }
        let result = PropagationCheck.evaluate(nil, observed)
        expectFailed(result, "propagation", ["A -> B", "missing traceparent"])
        #expect(!result.says("B -> C \(Fixture.path):"))
    }

    @Test("a scenario where no service calls another is not applicable")
    func singleServiceNotApplicable() {
        let observed = Fixture.run(Fixture.scenario(Fixture.chain(["A"])))
        #expect(PropagationCheck.evaluate(nil, observed).status == .notApplicable)
    }

    @Test("answered traffic with no request recorded between hops fails")
    func noHopsRecordedFails() {
        var observed = Self.run()
        observed.hops.removeAll { $0.source != "traffic" }
        expectFailed(PropagationCheck.evaluate(nil, observed), "propagation", ["no request between hops was recorded"])
    }
}
