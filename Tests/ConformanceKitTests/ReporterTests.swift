import ConformanceKit
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Reports")
struct ReporterTests {
    static let spans = [
        QueriedSpan(
            traceID: "0af7651916cd43dd8448eb211c80319c", spanID: "b7ad6b7169203331", parentSpanID: nil,
            name: "GET /api/users/{id}", kind: 2, startNanos: 1_000_000, endNanos: 13_500_000, service: "A"),
        QueriedSpan(
            traceID: "0af7651916cd43dd8448eb211c80319c", spanID: "00f067aa0ba902b7", parentSpanID: "b7ad6b7169203331",
            name: "GET", kind: 3, startNanos: 2_000_000, endNanos: 12_000_000, service: "A"),
    ]

    static let result = ScenarioResult(
        name: "demo <&> \"quoted\"", file: "x.yaml", description: "a description", durationSeconds: 1.5,
        expectations: [
            ExpectationResult(id: "sharedTrace", status: .passed, summary: "1 trace", evidence: ["trace 0af7"]),
            ExpectationResult(id: "batching", status: .failed, summary: "request #2 carried 64 spans", evidence: ["64 > 16"]),
            ExpectationResult(id: "wire", status: .notApplicable, summary: "no wire view"),
        ],
        spans: spans, services: [], requestsSent: 1, requestsSucceeded: 1)

    @Test("the text report draws the trace as an indented tree and shows each verdict, without colour off a TTY")
    func textReport() {
        let text = TextReporter(colour: false).render([Self.result])
        #expect(!text.contains("\u{1B}["))
        #expect(text.contains("    A  GET /api/users/{id} [server]  12.5 ms"))
        #expect(text.contains("      A  GET [client]  10.0 ms"))
        #expect(text.contains("[FAILED] batching: request #2 carried 64 spans"))
        #expect(text.contains("[n/a] wire"))
        #expect(text.contains("0 of 1 scenarios passed"))
        #expect(TextReporter(colour: true).render([Self.result]).contains("\u{1B}[31m"))
    }

    @Test("the JUnit report is escaped XML with one failure per failed expectation")
    func junitReport() throws {
        let xml = JUnitReporter.render([Self.result])
        #expect(xml.contains("name=\"demo &lt;&amp;&gt; &quot;quoted&quot;\""))
        #expect(xml.components(separatedBy: "<failure ").count == 2)
        #expect(xml.contains("failures=\"1\""))
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse())
    }

    @Test("the JSON report carries every expectation with its status")
    func jsonReport() throws {
        let json = JSONReporter.render([Self.result])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        let scenarios = try #require(object["scenarios"] as? [[String: Any]])
        let expectations = try #require(scenarios.first?["expectations"] as? [[String: Any]])
        #expect(expectations.map { $0["status"] as? String } == ["passed", "failed", "not-applicable"])
        #expect(scenarios.first?["traceCount"] as? Int == 1)
    }
}
