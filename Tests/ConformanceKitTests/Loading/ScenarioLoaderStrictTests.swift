import Testing

@testable import ConformanceKit

/// The scenario keys of the strict judge: export headers per service, traffic headers, `off: true` with a reason,
/// expectations scoped to services, and attribute relations.
@Suite("ScenarioLoader strict keys")
struct ScenarioLoaderStrictTests {
    static let valid = """
        name: strict
        services:
          - name: A
            downstream: [B]
            exportTimeoutMs: 700
            headers:
              Authorization: Bearer abc
              x-tenant: "t 1"
          - name: B
        traffic:
          count: 2
          headers:
            traceparent: "00-{traceId}-{spanId}-01"
            TraceState: "vendor=x"
            b3: "{traceId64}-{spanId}-1"
            uberctx-user: "{random}"
        expectations:
          propagation: {off: true, reason: "B is a stub"}
          export.headers: {off: true, reason: "B cannot send headers", services: [B]}
          batching: {maxBatchSize: 4, services: [B]}
          exportTimeout: {services: [A], toleranceMs: 50}
          attributes:
            - span: A server
              attributes:
                http.response.status_code: {type: int, min: 100, max: 599}
                url.path: {type: string, pattern: "/api/.*"}
                http.request.duration_ms: {type: double, spanDuration: ms, tolerance: 0.2}
        """

    @Test("service headers become OTEL_EXPORTER_OTLP_HEADERS, names lower-cased, values percent-encoded")
    func serviceHeaders() throws {
        let service = try ScenarioLoader.parse(Self.valid, file: "strict.yaml").services[0]
        #expect(service.headers == ["authorization": "Bearer abc", "x-tenant": "t 1"])
        #expect(service.settings.headers == service.headers)
        #expect(
            service.otelEnvironment(endpoint: "http://127.0.0.1:4317")["OTEL_EXPORTER_OTLP_HEADERS"]
                == "authorization=Bearer%20abc,x-tenant=t%201"
        )
    }

    @Test("traffic headers keep their order and placeholders, names lower-cased")
    func trafficHeaders() throws {
        let traffic = try ScenarioLoader.parse(Self.valid, file: "strict.yaml").traffic
        #expect(
            traffic.headers == [
                TrafficHeader(name: "traceparent", value: "00-{traceId}-{spanId}-01"),
                TrafficHeader(name: "tracestate", value: "vendor=x"),
                TrafficHeader(name: "b3", value: "{traceId64}-{spanId}-1"),
                TrafficHeader(name: "uberctx-user", value: "{random}"),
            ]
        )
    }

    @Test("placeholders are filled per request, the same trace id in every header of one request")
    func placeholdersFilled() throws {
        let traffic = try ScenarioLoader.parse(Self.valid, file: "strict.yaml").traffic
        let filled = TrafficDriver.fill(traffic.headers)
        let traceparent = try #require(filled.first { $0.name == "traceparent" }).value
        let parts = traceparent.split(separator: "-").map(String.init)
        #expect(parts.count == 4 && parts[1].count == 32 && parts[2].count == 16 && parts[3] == "01")
        #expect(parts[1].allSatisfy(\.isHexDigit) && parts[2].allSatisfy(\.isHexDigit))
        let b3 = try #require(filled.first { $0.name == "b3" }).value
        #expect(b3.hasPrefix(String(parts[1].suffix(16)) + "-"))
        #expect(filled.allSatisfy { !$0.value.contains("{") })
        #expect(TrafficDriver.fill(traffic.headers)[0].value != traceparent)
    }

    @Test("off: true keeps its reason and scope; scoped expectations keep their services")
    func offAndScopes() throws {
        let expectations = try ScenarioLoader.parse(Self.valid, file: "strict.yaml").expectations
        #expect(expectations.off["propagation"] == RuleSwitch(reason: "B is a stub"))
        #expect(expectations.off["export.headers"] == RuleSwitch(reason: "B cannot send headers", services: ["B"]))
        #expect(expectations.switchedOff("export.headers", service: "A") == nil)
        #expect(expectations.switchedOff("export.headers", service: "B") != nil)
        #expect(expectations.propagation == nil)
        #expect(expectations.batching?.services == ["B"])
        #expect(expectations.exportTimeout?.services == ["A"])
        #expect(expectations.exportTimeout?.timeoutMs == 700)
        #expect(expectations.exportTimeout?.toleranceMs == 50)
    }

    @Test("attribute rules read min, max, pattern, spanDuration and tolerance")
    func attributeRelations() throws {
        let rules = try #require(ScenarioLoader.parse(Self.valid, file: "strict.yaml").expectations.attributes.first)
            .attributes
        #expect(rules["http.response.status_code"]?.minimum == 100)
        #expect(rules["http.response.status_code"]?.maximum == 599)
        #expect(rules["url.path"]?.pattern == "/api/.*")
        #expect(rules["http.request.duration_ms"]?.spanDuration == .ms)
        #expect(rules["http.request.duration_ms"]?.tolerance == 0.2)
    }

    @Test("every rule id can be turned off with a reason", arguments: ExpectationEvaluator.ruleIDs)
    func everyRuleCanBeTurnedOff(_ rule: String) throws {
        let text =
            "name: x\nservices:\n  - name: A\ntraffic: {count: 1}\nexpectations:\n  \(rule): {off: true, reason: why}\n"
        let scenario = try ScenarioLoader.parse(text, file: "off.yaml")
        #expect(scenario.expectations.off[rule]?.reason == "why")
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var code: ScenarioError.Code
        var line: Int
        var testDescription: String { label }
    }

    /// A scenario with services A and B, then `tail`.
    static func scenario(_ tail: String) -> String {
        "name: x\nservices:\n  - name: A\n    downstream: [B]\n  - name: B\ntraffic: {count: 1}\n" + tail
    }

    static let badCases: [BadCase] = [
        BadCase(
            label: "off: true without a reason",
            text: scenario("expectations:\n  propagation:\n    off: true\n"),
            code: .missingKey,
            line: 9
        ),
        BadCase(
            label: "off: true with an empty reason",
            text: scenario("expectations:\n  sampling: {off: true, reason: \"\"}\n"),
            code: .missingKey,
            line: 8
        ),
        BadCase(
            label: "off: false",
            text: scenario("expectations:\n  propagation:\n    off: false\n    reason: r\n"),
            code: .invalidValue,
            line: 9
        ),
        BadCase(
            label: "off with a key of the rule",
            text: scenario("expectations:\n  propagation: {off: true, reason: r, format: w3c}\n"),
            code: .unknownKey,
            line: 8
        ),
        BadCase(
            label: "off for an unknown service",
            text: scenario("expectations:\n  batching:\n    off: true\n    reason: r\n    services: [X]\n"),
            code: .invalidValue,
            line: 11
        ),
        BadCase(
            label: "batching for an unknown service",
            text: scenario("expectations:\n  batching:\n    maxBatchSize: 2\n    services: [B, X]\n"),
            code: .invalidValue,
            line: 10
        ),
        BadCase(
            label: "exportTimeout for an unknown service",
            text: scenario("expectations:\n  exportTimeout: {timeoutMs: 100, services: [X]}\n"),
            code: .invalidValue,
            line: 8
        ),
        BadCase(
            label: "shutdownFlush for no service",
            text: scenario("expectations:\n  shutdownFlush: {services: []}\n"),
            code: .invalidValue,
            line: 8
        ),
        BadCase(
            label: "a default rule given settings",
            text: scenario("expectations:\n  spanKinds: {strict: true}\n"),
            code: .invalidValue,
            line: 8
        ),
        BadCase(
            label: "an unknown rule",
            text: scenario("expectations:\n  colour: red\n"),
            code: .unknownKey,
            line: 8
        ),
        BadCase(
            label: "an invalid pattern",
            text: scenario(attribute("{type: string, pattern: \"[unclosed\"}")),
            code: .invalidValue,
            line: 11
        ),
        BadCase(
            label: "min on a string",
            text: scenario(attribute("{type: string, min: 1}")),
            code: .invalidValue,
            line: 11
        ),
        BadCase(
            label: "pattern on an int",
            text: scenario(attribute("{type: int, pattern: \"[0-9]+\"}")),
            code: .invalidValue,
            line: 11
        ),
        BadCase(
            label: "spanDuration on a bool",
            text: scenario(attribute("{type: bool, spanDuration: ms}")),
            code: .invalidValue,
            line: 11
        ),
        BadCase(
            label: "an unknown duration unit",
            text: scenario(attribute("{type: double, spanDuration: minutes}")),
            code: .invalidValue,
            line: 11
        ),
        BadCase(
            label: "max that is not a number",
            text: scenario(attribute("{type: int, max: lots}")),
            code: .wrongType,
            line: 11
        ),
        BadCase(
            label: "a service header name with a space",
            text: "name: x\nservices:\n  - name: A\n    headers:\n      \"bad name\": x\ntraffic: {count: 1}\n",
            code: .invalidValue,
            line: 5
        ),
        BadCase(
            label: "service headers as a list",
            text: "name: x\nservices:\n  - name: A\n    headers: [a, b]\ntraffic: {count: 1}\n",
            code: .wrongType,
            line: 4
        ),
        BadCase(
            label: "a traffic header value that is not ASCII",
            text: "name: x\nservices:\n  - name: A\ntraffic:\n  headers:\n    baggage: \"user=café\"\n",
            code: .invalidValue,
            line: 6
        ),
        BadCase(
            label: "a traffic header value with a control character",
            text: "name: x\nservices:\n  - name: A\ntraffic:\n  headers:\n    baggage: \"a\\tb\"\n",
            code: .invalidValue,
            line: 6
        ),
        BadCase(
            label: "a traffic header name with a colon",
            text: "name: x\nservices:\n  - name: A\ntraffic:\n  headers:\n    \"x:y\": v\n",
            code: .invalidValue,
            line: 6
        ),
    ]

    /// An attributes expectation on `A server` whose one rule (on line 11) is `rule`.
    static func attribute(_ rule: String) -> String {
        "expectations:\n  attributes:\n    - span: A server\n      attributes:\n        url.path: \(rule)\n"
    }

    @Test("a bad strict key is refused with its code and line", arguments: badCases)
    func refusesBadKey(_ bad: BadCase) throws {
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.parse(bad.text, file: "bad.yaml") }
        #expect(error.code == bad.code, "\(error)")
        #expect(error.line == bad.line, "\(error)")
        #expect(error.file == "bad.yaml")
    }
}
