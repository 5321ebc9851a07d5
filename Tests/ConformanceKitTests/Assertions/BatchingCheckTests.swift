import Testing

@testable import ConformanceKit

@Suite("BatchingCheck")
struct BatchingCheckTests {
    /// Only B is configured with a batch size (2); B exports 2 spans per request, so 8 in 4 full batches.
    static func run() -> Observations {
        Fixture.run(Fixture.scenario(Fixture.chain().configuring("B") { $0.batchSize = 2 }))
    }

    @Test("full batches within B's batch size pass, and only B is judged")
    func cleanPasses() {
        let observed = Self.run()
        #expect(observed.exports(of: "B").map(\.spanCount) == [2, 2, 2, 2])
        #expect(observed.exports(of: "A").map(\.spanCount) == [8])
        let result = BatchingCheck.evaluate(nil, observed)
        expectPassed(result, "batching")
        #expect(result.summary.contains("B 2"))
        #expect(!result.summary.contains("A "))
    }

    @Test("a B export request over its batch size fails, naming B and the request")
    func oversizeFails() throws {
        var observed = Self.run()
        let first = try #require(observed.exports(of: "B").first)
        observed.editRequests(of: "B") { if $0.id == first.id { $0.spanCount = 3 } }
        let result = BatchingCheck.evaluate(nil, observed)
        expectFailed(result, "batching", ["B export request #\(first.id) carried 3 spans, over batchSize 2"])
        #expect(!result.says("A export request"))
    }

    @Test("B sending only part-full batches when enough spans wait fails")
    func noFullBatchFails() {
        var observed = Self.run()
        observed.editRequests(of: "B") { $0.spanCount = 1 }
        expectFailed(
            BatchingCheck.evaluate(nil, observed),
            "batching",
            ["B: no export request carried a full batch of 2 although 4 spans were exported"]
        )
    }

    @Test("fullBatches: false accepts part-full batches")
    func fullBatchesOff() {
        var observed = Self.run()
        observed.editRequests(of: "B") { $0.spanCount = 1 }
        var expectation = BatchingExpectation(maxBatchSize: 2, fullBatches: false)
        expectation.services = ["B"]
        expectPassed(BatchingCheck.evaluate(expectation, observed), "batching")
    }

    @Test("an expectation naming C judges C by its size and B still by its own")
    func expectationForServices() {
        var expectation = BatchingExpectation(maxBatchSize: 1)
        expectation.services = ["C"]
        let result = BatchingCheck.evaluate(expectation, Self.run())
        expectFailed(result, "batching", ["C export request #", "carried 4 spans, over batchSize 1"])
        #expect(!result.says("B export request"))
    }

    @Test("an expectation for a service that exported nothing fails")
    func expectationWithoutExports() {
        var observed = Self.run()
        observed.requests = observed.requests?.filter { !$0.serviceNames.contains("C") }
        var expectation = BatchingExpectation(maxBatchSize: 4)
        expectation.services = ["C"]
        expectFailed(BatchingCheck.evaluate(expectation, observed), "batching", ["C: no export request arrived"])
    }

    @Test("no service with a batch size, no wire view, or a collector hop is not applicable")
    func notApplicable() {
        #expect(BatchingCheck.evaluate(nil, Fixture.run(Fixture.scenario())).status == .notApplicable)
        var jaeger = Self.run()
        jaeger.requests = nil
        #expect(BatchingCheck.evaluate(nil, jaeger).status == .notApplicable)
        var hop = Self.run()
        hop.collectorHop = .rotel
        hop.editRequests(of: "B") { $0.spanCount = 50 }
        #expect(BatchingCheck.evaluate(nil, hop).status == .notApplicable)
    }
}
