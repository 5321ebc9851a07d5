import CelloOTLP
import Testing

@testable import FakeCollector

@Suite("JSONFormCheck")
struct JSONFormCheckTests {
    static func rules(_ json: String) -> [String] {
        var findings = FindingCollector()
        JSONFormCheck.check(Array(json.utf8), into: &findings)
        return findings.findings(requestId: nil).map(\.ruleId)
    }

    @Test("OTLPJSON's own output passes")
    func clean() throws {
        let body = try OTLPJSON.encode(Fixtures.traceRequest())
        #expect(Self.rules(String(decoding: body, as: UTF8.self)).isEmpty)
    }

    @Test("flags snake_case field names and enum names", arguments: [
        (#"{"resource_spans":[]}"#, "otlp.json.camel-case"),
        (#"{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":"SPAN_KIND_SERVER"}]}]}]}"#, "otlp.json.enum-ints"),
    ])
    func flags(_ json: String, _ rule: String) {
        #expect(Self.rules(json) == [rule])
    }
}
