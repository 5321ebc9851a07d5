import Foundation
import Testing

@testable import ConformanceKit

@Suite("ExportTimeoutCheck")
struct ExportTimeoutCheckTests {
    static let stallHTTP = "http:\n  - action: stall\n"

    /// Only B has an export timeout (500 ms) and exports over http/protobuf, the receiver the plan stalls.
    static func scenario(aTimeout: Int? = nil) -> Scenario {
        let services = Fixture.chain()
            .configuring("B") {
                $0.exportProtocol = "http/protobuf"
                $0.exportTimeoutMs = 500
            }
            .configuring("A") { $0.exportTimeoutMs = aTimeout }
        return Fixture.scenario(services, faults: stallHTTP)
    }

    @Test("B's stalled exports ending at its exportTimeoutMs pass, and only B is judged")
    func cleanPasses() {
        let observed = Fixture.run(Self.scenario(aTimeout: 100))
        #expect(observed.exports(of: "B").allSatisfy { $0.fault == "stall" && $0.durationMs == 500 })
        let result = ExportTimeoutCheck.evaluate(nil, observed)
        expectPassed(result, "exportTimeout")
        #expect(result.summary.contains("B 500 ms"))
        #expect(!result.summary.contains("A "))
    }

    struct Open: Sendable, CustomTestStringConvertible {
        var ms: Double
        var passes: Bool
        var hint: String = ""
        var testDescription: String { "open \(ms) ms" }
    }

    @Test(
        "a stalled B export is judged against 500 ± 250 ms",
        arguments: [
            Open(ms: 260, passes: true), Open(ms: 740, passes: true),
            Open(ms: 900, passes: false, hint: "(the exporter ignores exportTimeoutMs)"),
            Open(ms: 10_000, passes: false, hint: "(the exporter ignores exportTimeoutMs)"),
            Open(ms: 100, passes: false, hint: "(gave up too early)"),
        ]
    )
    func window(_ open: Open) {
        var observed = Fixture.run(Self.scenario())
        observed.editRequests(of: "B") { $0.durationMs = open.ms }
        let result = ExportTimeoutCheck.evaluate(nil, observed)
        if open.passes {
            expectPassed(result, "exportTimeout")
        } else {
            expectFailed(
                result,
                "exportTimeout",
                ["B: stalled export request #", "stayed open", "exportTimeoutMs is 500 ± 250 ms", open.hint]
            )
        }
    }

    @Test("a stalled B export that never ended fails")
    func neverEnded() {
        var observed = Fixture.run(Self.scenario())
        observed.editRequests(of: "B") {
            $0.durationMs = nil
            $0.end = "pending"
        }
        expectFailed(
            ExportTimeoutCheck.evaluate(nil, observed),
            "exportTimeout",
            ["B: stalled export request #", "never ended"]
        )
    }

    @Test("a fault plan without a stall, or a stall of another receiver, is not applicable")
    func notApplicable() {
        var noStall = Self.scenario()
        noStall.collector.faults = nil
        #expect(ExportTimeoutCheck.evaluate(nil, Fixture.run(noStall)).status == .notApplicable)
        var grpcStall = Self.scenario()
        grpcStall.collector.faults = "grpc:\n  - action: stall\n"
        #expect(ExportTimeoutCheck.evaluate(nil, Fixture.run(grpcStall)).status == .notApplicable)
    }

    @Test("an explicit expectation for B fails when its requests were slowed")
    func requestsSlowed() {
        var observed = Fixture.run(Self.scenario())
        var expectation = ExportTimeoutExpectation(timeoutMs: 500, maxRequestMs: 1000)
        expectation.services = ["B"]
        expectPassed(ExportTimeoutCheck.evaluate(expectation, observed), "exportTimeout")
        observed.traffic = Fixture.traffic(count: 4, latencyMs: 2000)
        expectFailed(
            ExportTimeoutCheck.evaluate(expectation, observed),
            "exportTimeout",
            ["a service request took 2000.0 ms while exports stalled, over 1000 ms"]
        )
    }

    @Test("an explicit expectation for a service whose exports never reached the stall fails")
    func noStalledRequest() {
        var expectation = ExportTimeoutExpectation(timeoutMs: 500)
        expectation.services = ["C"]
        expectFailed(
            ExportTimeoutCheck.evaluate(expectation, Fixture.run(Self.scenario())),
            "exportTimeout",
            ["no export request of C reached the stalled collector"]
        )
    }
}
