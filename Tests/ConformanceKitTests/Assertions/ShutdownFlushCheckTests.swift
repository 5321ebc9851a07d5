import Foundation
import Testing

@testable import ConformanceKit

@Suite("ShutdownFlushCheck")
struct ShutdownFlushCheckTests {
    /// The failure lines, told apart from the per-service evidence lines.
    static func failures(_ result: ExpectationResult) -> [String] {
        result.lines.filter { $0.contains("spans were not held") || $0.contains("did not flush") }
    }

    @Test("every service exporting after SIGTERM passes")
    func cleanPasses() {
        let result = ShutdownFlushCheck.evaluate(ShutdownFlushExpectation(), Fixture.run(Fixture.scenario()))
        expectPassed(result, "shutdownFlush")
        #expect(result.summary.contains("A, B, C"))
    }

    @Test("B exporting before SIGTERM and not after fails, naming only B")
    func onlyBNamed() {
        var observed = Fixture.run(Fixture.scenario(Fixture.chain().configuring("B") { $0.batchSize = 4 }))
        observed.editRequests(of: "B") { $0.arrivalTime = Fixture.stopStarted.addingTimeInterval(-2) }
        let result = ShutdownFlushCheck.evaluate(ShutdownFlushExpectation(), observed)
        expectFailed(result, "shutdownFlush", ["B export request #", "(4 spans) arrived 2000.0 ms before SIGTERM"])
        #expect(result.says("B sent no export request after SIGTERM: its shutdown did not flush"))
        let failures = Self.failures(result)
        #expect(!failures.isEmpty)
        #expect(failures.allSatisfy { $0.hasPrefix("B ") }, "\(failures)")
    }

    @Test("B with one export before SIGTERM and one after fails only on the early one")
    func partlyFlushed() throws {
        var observed = Fixture.run(Fixture.scenario(Fixture.chain().configuring("B") { $0.batchSize = 4 }))
        let first = try #require(observed.exports(of: "B").first)
        observed.editRequests(of: "B") {
            if $0.id == first.id { $0.arrivalTime = Fixture.stopStarted.addingTimeInterval(-0.5) }
        }
        let result = ShutdownFlushCheck.evaluate(ShutdownFlushExpectation(), observed)
        expectFailed(result, "shutdownFlush", ["B export request #\(first.id)", "arrived 500.0 ms before SIGTERM"])
        #expect(!result.says("did not flush"))
    }

    @Test("an expectation naming A is not failed by B")
    func scopedToA() {
        var observed = Fixture.run(Fixture.scenario())
        observed.editRequests(of: "B") { $0.arrivalTime = Fixture.stopStarted.addingTimeInterval(-2) }
        expectPassed(ShutdownFlushCheck.evaluate(ShutdownFlushExpectation(services: ["A"]), observed), "shutdownFlush")
    }

    @Test("a backend without a wire view is not applicable")
    func noWireView() {
        var observed = Fixture.run(Fixture.scenario())
        observed.requests = nil
        #expect(ShutdownFlushCheck.evaluate(ShutdownFlushExpectation(), observed).status == .notApplicable)
    }
}
