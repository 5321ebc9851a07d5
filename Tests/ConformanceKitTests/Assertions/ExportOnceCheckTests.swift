import Testing

@testable import ConformanceKit

@Suite("ExportOnceCheck")
struct ExportOnceCheckTests {
    static func duplicate(_ ruleId: String, request: Int) -> HarnessFinding {
        HarnessFinding(
            ruleId: ruleId,
            severity: "violation",
            message: "span 00f067aa0ba90002 was exported twice",
            evidence: "trace 4bf92f3577b34da6a320000000000000",
            requestId: request
        )
    }

    @Test("a clean A -> B -> C run passes")
    func cleanPasses() {
        expectPassed(ExportOnceCheck.evaluate(Fixture.run(Fixture.scenario())), "exportOnce")
    }

    @Test(
        "a duplicate finding on B's request fails, naming B",
        arguments: ["span.duplicate-id", "span.duplicate-across-requests"]
    )
    func duplicateNamesB(_ ruleId: String) throws {
        var observed = Fixture.run(Fixture.scenario())
        let request = try #require(observed.exports(of: "B").first)
        observed.findings = [Self.duplicate(ruleId, request: request.id)]
        let result = ExportOnceCheck.evaluate(observed)
        expectFailed(result, "exportOnce", ["B exported spans more than once", "was exported twice"])
        #expect(result.summary.hasPrefix("B "))
    }

    @Test("several duplicate findings of B are counted")
    func duplicatesCounted() throws {
        var observed = Fixture.run(Fixture.scenario(Fixture.chain().configuring("B") { $0.batchSize = 2 }))
        let ids = observed.exports(of: "B").map(\.id)
        observed.findings = ids.prefix(2).map { Self.duplicate("span.duplicate-across-requests", request: $0) }
        expectFailed(ExportOnceCheck.evaluate(observed), "exportOnce", ["B: 2 export requests repeated spans"])
    }

    @Test("findings of other rules are not duplicates")
    func otherFindingsIgnored() {
        var observed = Fixture.run(Fixture.scenario())
        observed.findings = [
            HarnessFinding(
                ruleId: "grpc.te-trailers",
                severity: "violation",
                message: "te missing",
                evidence: "",
                requestId: 1
            )
        ]
        expectPassed(ExportOnceCheck.evaluate(observed), "exportOnce")
    }

    @Test("a backend without findings is not applicable")
    func noFindings() {
        var observed = Fixture.run(Fixture.scenario())
        observed.findings = nil
        #expect(ExportOnceCheck.evaluate(observed).status == .notApplicable)
    }
}
