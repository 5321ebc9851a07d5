import ConformanceKit
import Foundation
import Testing

@Suite("HTML report")
struct HTMLReporterTests {
    typealias F = HTMLReportFixtures

    @Test("the waterfall has one span-bar per span, each with its data-span-id")
    func oneBarPerSpan() {
        for result in [F.passing, F.failing] {
            let html = HTMLReporter().render([result])
            let bars = HTMLScan.elements(html, withClass: "span-bar").filter { $0.attributes["data-span-id"] != nil }
            #expect(bars.count == result.spans.count, "\(result.name)")
            #expect(Set(bars.compactMap { $0.attributes["data-span-id"] }) == Set(result.spans.map(\.spanID)))
            #expect(HTMLScan.elements(html, withClass: "span-row").count == result.spans.count)
        }
    }

    @Test("the failed expectations are listed at the top in #failures, each linking to its scenario")
    func failuresAtTheTop() throws {
        let html = HTMLReporter().render([F.passing, F.failing])
        let failures = try #require(HTMLScan.element(html, id: "failures"))
        let items = HTMLScan.elements(failures, withClass: "failure")
        #expect(items.count == 2)
        #expect(failures.contains("sharedTrace") && failures.contains("spanKinds"))
        #expect(!failures.contains("propagation"))
        let links = HTMLScan.tags(failures).compactMap { $0.attributes["href"] }
        #expect(links.filter { $0 == "#scenario-2" }.count == 2)
        #expect(links.contains("#scenario-2-exp-2") && links.contains("#scenario-2-exp-3"))
        // The targets exist, and the list comes before the scenarios.
        let ids = Set(HTMLScan.tags(html).compactMap { $0.attributes["id"] })
        #expect(ids.isSuperset(of: ["scenario-1", "scenario-2", "scenario-2-exp-2", "scenario-2-exp-3"]))
        let listAt = try #require(html.range(of: "id=\"failures\"")).lowerBound
        #expect(listAt < html.range(of: "id=\"scenario-1\"")!.lowerBound)
        #expect(html.contains("<b>1</b>scenarios passed") && html.contains("<b>1</b>scenarios failed"))

        let clean = try #require(HTMLScan.element(HTMLReporter().render([F.passing]), id: "failures"))
        #expect(HTMLScan.elements(clean, withClass: "failure").isEmpty)
        #expect(clean.contains("No failed expectation"))
    }

    @Test("the spans a failed expectation names get highlighted rows and links; their trace is drawn first")
    func highlightedSpans() throws {
        let html = HTMLReporter().render([F.failing])
        let highlighted = HTMLScan.elements(html, withClass: "span-row").filter { $0.classes.contains("highlight") }
        #expect(Set(highlighted.compactMap { $0.attributes["data-span-id"] }) == [F.wrongKindSpan, F.orphanSpan])
        let bars = HTMLScan.elements(html, withClass: "span-bar").filter { $0.classes.contains("highlight") }
        #expect(bars.count == 2)
        // The failing trace first, though it started after trace 1.
        let traces = HTMLScan.tags(html).compactMap { $0.attributes["data-trace-id"] }
        #expect(traces == [F.traceID(2), F.traceID(1), F.traceID(3)])
        // spanKinds names its span with a link to the row.
        let expectation = try #require(HTMLScan.element(html, id: "scenario-1-exp-3"))
        let link = try #require(HTMLScan.tags(expectation).compactMap { $0.attributes["href"] }.first)
        #expect(link == "#s1-t1-\(F.wrongKindSpan)")
        let row = try #require(HTMLScan.tags(html).first { $0.attributes["id"] == String(link.dropFirst()) })
        #expect(row.classes.contains("highlight") && row.attributes["data-span-id"] == F.wrongKindSpan)
        // The error status and the orphan are marked.
        #expect(HTMLScan.elements(html, withClass: "span-bar").filter { $0.classes.contains("error") }.count == 1)
        #expect(html.contains("kind-internal"))

        let passing = HTMLReporter().render([F.passing])
        #expect(!HTMLScan.elements(passing, withClass: "span-row").contains { $0.classes.contains("highlight") })
    }

    @Test("with fewer traces shown than read back, the failing ones come first")
    func failingTracesFirst() {
        let html = HTMLReporter(tracesShown: 1).render([F.failing])
        let bars = HTMLScan.elements(html, withClass: "span-bar")
        #expect(bars.count == 5)
        #expect(bars.allSatisfy { ($0.attributes["data-span-id"] ?? "").hasPrefix("00f067aa0ba902") })
        #expect(html.contains("3 traces, 1 named by a failed expectation; showing 1, failing first"))
    }

    @Test("every text from the run is escaped: span names, attributes, summaries, evidence, output")
    func escaping() throws {
        let html = HTMLReporter().render([F.hostile])
        #expect(html.components(separatedBy: "<script").count == 2)  // only the report's own script
        #expect(!html.contains("alert(1)</script>") && !html.contains("<img") && !html.contains("<b>injected"))
        #expect(!html.contains("<iframe") && !html.contains("<a href=\"https:"))
        #expect(html.contains("chain &lt;b&gt;injected&lt;/b&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;alert(4)"))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(3)"))
        #expect(!html.contains("\u{1B}"))
        #expect(HTMLScan.tags(html).allSatisfy { !$0.attributes.keys.contains { $0.hasPrefix("on") } })
        let verify = VerificationHTMLReporter.render(try F.verification(), exports: F.exports)
        #expect(verify.components(separatedBy: "<script").count == 2)
        #expect(verify.contains("&lt;script&gt;alert(5)&lt;/script&gt;") && verify.contains("&lt;i&gt;header"))
    }

    @Test("the page loads nothing: no src, no network href, no url() or @import, a CSP of default-src 'none'")
    func selfContained() throws {
        let verification = try F.verification()
        for html in [
            HTMLReporter().render([F.passing, F.failing, F.hostile]),
            VerificationHTMLReporter.render(verification, exports: F.exports),
            VerificationHTMLReporter.render(verification),
        ] {
            #expect(HTMLScan.networkReferences(html) == [])
            #expect(html.contains("default-src 'none'"))
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        }
        // The span attribute holding a URL is only text.
        #expect(HTMLReporter().render([F.failing]).contains("http://example.com/never-fetched.js"))
    }

    @Test("the topology shows each service with its kind, downstream and settings")
    func topology() throws {
        let html = HTMLReporter().render([F.passing])
        #expect(html.contains("<b>protocol</b> http/protobuf") && html.contains("<b>compression</b> gzip"))
        #expect(html.contains("<b>export timeout</b> 500 ms"))
        #expect(html.contains("<td>python</td>"))

        var spec = ServiceSpec(
            name: "B",
            kind: .python,
            downstream: ["C"],
            environment: ["OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"],
            propagation: [.b3],
            samplingRate: 0.25,
            batchSize: 16,
            exportTimeoutMs: 500,
            compression: "gzip"
        )
        spec.headers = ["x-api-key": "secret"]
        let overview = ServiceOverview(spec)
        let settings = Dictionary(overview.settings.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        #expect(overview.kind == "python" && overview.downstream == ["C"])
        #expect(settings["protocol"] == "http/json" && settings["propagation"] == "b3")
        #expect(settings["sampling rate"] == "0.25" && settings["batch size"] == "16")
        #expect(settings["export timeout"] == "500 ms" && settings["compression"] == "gzip")
        #expect(settings["export headers"] == "x-api-key")
        #expect(!overview.settings.contains { $0.value.contains("secret") })
    }

    @Test(
        "verify-exporter: violations in #failures, every finding with rule, severity and evidence, the exports timeline"
    )
    func verification() throws {
        let verification = try F.verification()
        let html = VerificationHTMLReporter.render(verification, exports: F.exports)
        let failures = try #require(HTMLScan.element(html, id: "failures"))
        #expect(HTMLScan.elements(failures, withClass: "failure").count == 1)
        #expect(failures.contains("exporter.timeout-units") && failures.contains("href=\"#export-2\""))
        let findings = HTMLScan.elements(html, withClass: "finding")
        #expect(findings.count == 2)
        #expect(html.contains("wire.user-agent") && html.contains("request #2 grpc-timeout 500000.0 ms (3 requests)"))
        #expect(HTMLScan.elements(html, withClass: "probe").count == 2)
        #expect(html.contains("x-api-key") && !html.contains("s3cret"))
        #expect(html.contains("turned off &lt;u&gt;by&lt;/u&gt; --no-stall-probe"))
        let exports = HTMLScan.elements(html, withClass: "export")
        #expect(exports.map { $0.attributes["id"] } == ["export-2", "export-3", "export-4"])
        #expect(exports[0].classes.contains("flagged") && !exports[1].classes.contains("flagged"))
        #expect(HTMLScan.elements(html, withClass: "export-bar").count == 3)
        #expect(html.contains("500.00 s") && html.contains("3.1 ms"))

        // From the verification alone: the batch sizes in order, the grpc-timeouts lined up (every request sent one).
        let plain = VerificationHTMLReporter.render(verification)
        #expect(HTMLScan.elements(plain, withClass: "export").count == 3)
        #expect(plain.contains("<td class=\"num\">500.00 s</td>"))
        #expect(HTMLScan.elements(plain, withClass: "export-bar").isEmpty)
    }
}

/// `--report html --output FILE` through the `conformance` executable, for a real run.
@Suite("HTML report from the CLI", .serialized)
struct HTMLReportCLITests {
    static func conformance(_ arguments: [String], folder: URL) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run(
            TestSupport.conformanceBinary,
            arguments,
            outputFolder: folder,
            currentDirectory: URL(fileURLWithPath: TestSupport.root),
            timeout: .seconds(180)
        )
    }

    @Test("conformance run --report html writes the page: topology from the scenario, a bar per shown span")
    func runWritesHTML() async throws {
        let folder = URL(fileURLWithPath: try TestSupport.temporaryFile("", name: "placeholder"))
            .deletingLastPathComponent()
        let output = folder.appendingPathComponent("report.html").path
        let run = try await Self.conformance(
            ["run", TestSupport.scenarioFolder + "/export-grpc.yaml", "--report", "html", "--output", output],
            folder: folder
        )
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && HTMLScan.networkReferences(html) == [])
        #expect(HTMLScan.element(html, id: "failures")?.contains("No failed expectation") == true)
        #expect(html.contains("<b>protocol</b> grpc"))
        let bars = HTMLScan.elements(html, withClass: "span-bar")
        let rows = HTMLScan.elements(html, withClass: "span-row")
        #expect(!bars.isEmpty && bars.count == rows.count)
    }

    @Test("conformance verify-exporter --report html writes the page with the violation in #failures")
    func verifyWritesHTML() async throws {
        let folder = URL(fileURLWithPath: try TestSupport.temporaryFile("", name: "placeholder"))
            .deletingLastPathComponent()
        let output = folder.appendingPathComponent("verify.html").path
        let run = try await Self.conformance(
            ["verify-exporter", "--report", "html", "--output", output, "--", "true"],
            folder: folder
        )
        #expect(run.status == 1, "\(run.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(HTMLScan.networkReferences(html) == [])
        let failures = try #require(HTMLScan.element(html, id: "failures"))
        #expect(failures.contains("exporter.nothing-exported"))
    }
}
