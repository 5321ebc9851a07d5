import Testing

@testable import ConformanceKit

@Suite("RequestsCheck")
struct RequestsCheckTests {
    @Test("every request answered 2xx passes")
    func cleanPasses() {
        expectPassed(
            RequestsCheck.evaluate(RequestsExpectation(maxLatencyMs: 100), Fixture.run(Fixture.scenario())),
            "requests"
        )
    }

    @Test(
        "a request answered 500 or not at all fails",
        arguments: [(500, "HTTP 500"), (nil, "refused")] as [(Int?, String)]
    )
    func failedRequests(_ status: Int?, _ shown: String) {
        var observed = Fixture.run(Fixture.scenario())
        observed.traffic.outcomes[2] = Fixture.traffic(count: 1, status: status).outcomes[0]
        expectFailed(
            RequestsCheck.evaluate(RequestsExpectation(), observed),
            "requests",
            ["1 of 4 requests failed (first: \(shown))"]
        )
    }

    @Test("a request slower than maxLatencyMs fails")
    func slowRequest() {
        var observed = Fixture.run(Fixture.scenario())
        observed.traffic.outcomes[1].latencyMs = 2500
        expectFailed(
            RequestsCheck.evaluate(RequestsExpectation(maxLatencyMs: 1000), observed),
            "requests",
            ["slowest request took 2500.0 ms, over 1000 ms"]
        )
    }
}
