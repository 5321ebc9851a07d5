import Testing

@testable import ConformanceKit

@Suite("WireCheck")
struct WireCheckTests {
    static func finding(_ severity: String) -> HarnessFinding {
        HarnessFinding(
            ruleId: "grpc.te-trailers",
            severity: severity,
            message: "te: trailers missing",
            evidence: "headers",
            requestId: 1
        )
    }

    @Test("a clean A -> B -> C run passes")
    func cleanPasses() {
        expectPassed(WireCheck.evaluate(WireExpectation(), Fixture.run(Fixture.scenario())), "wire")
    }

    @Test("a violation finding fails with its rule id; a warning does not")
    func violation() {
        var observed = Fixture.run(Fixture.scenario())
        observed.findings = [Self.finding("warning")]
        let warned = WireCheck.evaluate(WireExpectation(), observed)
        expectPassed(warned, "wire")
        #expect(warned.evidence.contains("warnings: grpc.te-trailers"))
        observed.findings = [Self.finding("violation")]
        expectFailed(
            WireCheck.evaluate(WireExpectation(), observed),
            "wire",
            ["grpc.te-trailers: te: trailers missing"]
        )
    }

    @Test("requests over another protocol or compression than expected fail")
    func protocolAndCompression() {
        let observed = Fixture.run(Fixture.scenario())
        expectFailed(
            WireCheck.evaluate(WireExpectation(exportProtocol: "http/json"), observed),
            "wire",
            ["used grpc, expected http/json"]
        )
        expectFailed(
            WireCheck.evaluate(WireExpectation(compression: "gzip"), observed),
            "wire",
            ["compression none, expected gzip"]
        )
    }

    @Test("no export request fails when every request was kept, and is not applicable when sampled")
    func noRequests() {
        var kept = Fixture.run(Fixture.scenario())
        kept.requests = []
        expectFailed(WireCheck.evaluate(WireExpectation(), kept), "wire", ["no export request arrived"])
        var sampled = Fixture.run(Fixture.scenario(Fixture.chain().configuring("A") { $0.samplingRate = 0 }))
        sampled.requests = []
        #expect(WireCheck.evaluate(WireExpectation(), sampled).status == .notApplicable)
    }

    @Test("an expectation naming B judges only B's requests and findings")
    func scopedToB() throws {
        var observed = Fixture.run(
            Fixture.scenario(Fixture.chain().configuring("B") { $0.exportProtocol = "http/json" })
        )
        var expectation = WireExpectation(exportProtocol: "http/json")
        expectation.services = ["B"]
        expectPassed(WireCheck.evaluate(expectation, observed), "wire")
        let a = try #require(observed.exports(of: "A").first)
        let b = try #require(observed.exports(of: "B").first)
        observed.findings = [
            HarnessFinding(
                ruleId: "grpc.te-trailers",
                severity: "violation",
                message: "te missing",
                evidence: "",
                requestId: a.id
            )
        ]
        expectPassed(WireCheck.evaluate(expectation, observed), "wire")
        observed.findings?.append(
            HarnessFinding(
                ruleId: "json.hex-ids",
                severity: "violation",
                message: "base64 ids",
                evidence: "",
                requestId: b.id
            )
        )
        let result = WireCheck.evaluate(expectation, observed)
        expectFailed(result, "wire", ["json.hex-ids: base64 ids"])
        #expect(!result.says("grpc.te-trailers"))
        observed.editRequests(of: "B") { $0.exportProtocol = "grpc" }
        expectFailed(WireCheck.evaluate(expectation, observed), "wire", ["used grpc, expected http/json"])
    }

    @Test("a backend without a wire view is not applicable")
    func noWireView() {
        var observed = Fixture.run(Fixture.scenario())
        observed.findings = nil
        #expect(WireCheck.evaluate(WireExpectation(), observed).status == .notApplicable)
    }
}
