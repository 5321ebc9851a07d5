import Testing

@testable import ConformanceKit

@Suite("AttributeCheck")
struct AttributeCheckTests {
    static let bServer = SpanSelector(service: "B", kind: 2)

    /// What B's server spans carry in a clean run (each span lasts 200 ms, so the duration rules are judged well
    /// clear of the rule's absolute slack).
    static let attributes: [String: AttributeValue] = [
        "http.request.method": .string("GET"),
        "url.path": .string("/api/chain"),
        "http.response.status_code": .int(200),
        "http.request.duration_ms": .double(200),
    ]

    static func rules() -> [String: AttributeRule] {
        var status = AttributeRule(type: "int")
        status.minimum = 100
        status.maximum = 599
        var path = AttributeRule(type: "string")
        path.pattern = "/api/[a-z]+"
        var duration = AttributeRule(type: "double")
        duration.spanDuration = .ms
        duration.tolerance = 0.1
        return [
            "http.request.method": AttributeRule(type: "string", value: "GET"),
            "url.path": path,
            "http.response.status_code": status,
            "http.request.duration_ms": duration,
            "user_agent.original": AttributeRule(type: "string", optional: true),
        ]
    }

    static func run(_ change: (inout [String: AttributeValue]) -> Void = { _ in }) -> Observations {
        var observed = Fixture.run(Fixture.scenario())
        var attributes = Self.attributes
        change(&attributes)
        observed.editSpans(where: { $0.matches(Self.bServer) }) {
            $0.attributes = attributes
            $0.endNanos = $0.startNanos + 200_000_000
        }
        return observed
    }

    static func evaluate(_ observed: Observations, rules: [String: AttributeRule] = rules(), exact: Bool = true)
        -> ExpectationResult
    {
        AttributeCheck.evaluate(AttributeExpectation(span: bServer, exact: exact, attributes: rules), observed)
    }

    @Test("B's server spans with exactly the expected attributes pass")
    func cleanPasses() {
        let result = Self.evaluate(Self.run())
        expectPassed(result, "attributes[B server]")
        #expect(result.summary.contains("4 spans"))
    }

    struct Defect: Sendable, CustomTestStringConvertible {
        var label: String
        var name: String
        var value: AttributeValue?
        var says: String
        var testDescription: String { label }
    }

    @Test(
        "an attribute off its rule fails, naming the span and the attribute",
        arguments: [
            Defect(
                label: "below min",
                name: "http.response.status_code",
                value: .int(99),
                says: "http.response.status_code is 99, below the minimum 100.0"
            ),
            Defect(
                label: "above max",
                name: "http.response.status_code",
                value: .int(600),
                says: "is 600, above the maximum 599.0"
            ),
            Defect(
                label: "wrong type",
                name: "http.response.status_code",
                value: .string("200"),
                says: "is string '200', expected int"
            ),
            Defect(
                label: "pattern",
                name: "url.path",
                value: .string("/api/chain?debug=1"),
                says: "which does not match //api/[a-z]+/"
            ),
            Defect(label: "pattern is whole", name: "url.path", value: .string("/api/chain/1"), says: "does not match"),
            Defect(
                label: "value",
                name: "http.request.method",
                value: .string("POST"),
                says: "is 'POST', expected 'GET'"
            ),
            Defect(
                label: "missing",
                name: "http.request.method",
                value: nil,
                says: "missing attribute http.request.method (string)"
            ),
            Defect(
                label: "duration in s",
                name: "http.request.duration_ms",
                value: .double(0.2),
                says: "but the span itself lasted 200.0 ms"
            ),
            Defect(
                label: "duration in us",
                name: "http.request.duration_ms",
                value: .double(200_000),
                says: "off by 1000.0x"
            ),
            Defect(
                label: "duration over 10%",
                name: "http.request.duration_ms",
                value: .double(230),
                says: "is 230.0 ms"
            ),
            Defect(
                label: "unexpected",
                name: "http.route",
                value: .string("/api/chain"),
                says: "unexpected attribute http.route"
            ),
        ]
    )
    func defectFails(_ defect: Defect) {
        let observed = Self.run { $0[defect.name] = defect.value }
        expectFailed(
            Self.evaluate(observed),
            "attributes[B server]",
            ["span ", "'\(Fixture.serverName)'", defect.says]
        )
    }

    @Test("a duration within 10% of the span's passes", arguments: [185.0, 215.0, 200.5])
    func durationWithinTolerance(_ value: Double) {
        expectPassed(
            Self.evaluate(Self.run { $0["http.request.duration_ms"] = .double(value) }),
            "attributes[B server]"
        )
    }

    @Test("a duration in seconds judged with spanDuration s and a wider tolerance passes")
    func durationInSeconds() {
        var rules = Self.rules()
        rules["http.request.duration_ms"]?.spanDuration = .s
        rules["http.request.duration_ms"]?.tolerance = 0.5
        expectPassed(
            Self.evaluate(Self.run { $0["http.request.duration_ms"] = .double(0.29) }, rules: rules),
            "attributes[B server]"
        )
    }

    @Test("an int within min and max passes at both bounds", arguments: [100, 599])
    func bounds(_ status: Int64) {
        expectPassed(Self.evaluate(Self.run { $0["http.response.status_code"] = .int(status) }), "attributes[B server]")
    }

    @Test("exact: false allows attributes outside the rule set")
    func notExact() {
        let observed = Self.run { $0["http.route"] = .string("/api/chain") }
        expectPassed(Self.evaluate(observed, exact: false), "attributes[B server]")
    }

    @Test("no span for the selector fails")
    func noSpan() {
        let expectation = AttributeExpectation(span: SpanSelector(service: "C", kind: 3), attributes: [:])
        expectFailed(
            AttributeCheck.evaluate(expectation, Self.run()),
            "attributes[C client]",
            ["no 'C client' span was received"]
        )
    }
}
