import ConformanceKit
import Foundation
import Testing

/// The HTML reports opened in headless Chromium: the DOM it builds has one bar per span and `#failures` with the
/// failure, the page is complete with every host name unresolvable and every request sent to a dead proxy (so it
/// needs nothing from the network), and the links' script opens a linked span row.
///
/// Runs when `chromium` (or `chromium-browser`) is on PATH, and always when CI=true, where a missing Chromium fails
/// the test (CI installs it through scripts/setup.sh). `UPDATE_REPORT_SCREENSHOTS=1` also writes the screenshots
/// to docs/images/report-passing.png and report-failing.png.
@Suite(
    "HTML report in headless Chromium",
    .serialized,
    .enabled(if: HeadlessChromium.enabled, HeadlessChromium.skipReason)
)
struct HTMLReportBrowserTests {
    typealias F = HTMLReportFixtures

    @Test("Chromium draws one span-bar per span and lists the failure in #failures, fetching nothing")
    func reportsInChromium() async throws {
        guard let chromium = HeadlessChromium.executable else {
            Issue.record("CI=true but neither chromium nor chromium-browser is on PATH: run `bash scripts/setup.sh`")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        for (name, result) in [("passing", F.passing), ("failing", F.failing)] {
            let html = HTMLReporter().render([result])
            #expect(HTMLScan.networkReferences(html) == [], "\(name)")
            let page = folder.appendingPathComponent("report-\(name).html")
            try html.write(to: page, atomically: true, encoding: .utf8)

            let dom = try await HeadlessChromium.run(chromium, ["--dump-dom", page.absoluteString], in: folder)
            #expect(dom.status == 0, "chromium --dump-dom exited \(dom.status): \(dom.stderr.suffix(2000))")
            // Complete: the last element of the page was parsed and nothing was added from elsewhere.
            #expect(dom.stdout.contains("</main>") && dom.stdout.contains("</html>"), "\(name): the DOM is incomplete")
            #expect(HTMLScan.networkReferences(dom.stdout) == [], "\(name)")
            let bars = HTMLScan.elements(dom.stdout, withClass: "span-bar").compactMap { $0.attributes["data-span-id"] }
            #expect(bars.count == result.spans.count, "\(name): \(bars.count) bars for \(result.spans.count) spans")
            #expect(Set(bars) == Set(result.spans.map(\.spanID)))
            let failures = try #require(
                HTMLScan.element(dom.stdout, id: "failures"),
                "\(name): no #failures in the DOM"
            )
            let listed = HTMLScan.elements(failures, withClass: "failure")
            if result.passed {
                #expect(listed.isEmpty)
            } else {
                #expect(listed.count == 2)
                #expect(failures.contains("spanKinds") && failures.contains("href=\"#scenario-1\""))
                // The hostile span name is text in the DOM, not an element.
                #expect(
                    !dom.stdout.contains("<script>alert")
                        && dom.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                )
                #expect(!dom.stdout.contains("<img"))
            }

            let screenshot = folder.appendingPathComponent("report-\(name).png")
            let shot = try await HeadlessChromium.run(
                chromium,
                ["--screenshot=\(screenshot.path)", "--window-size=1280,1600", page.absoluteString],
                in: folder
            )
            #expect(shot.status == 0, "chromium --screenshot exited \(shot.status): \(shot.stderr.suffix(2000))")
            let png = try Data(contentsOf: screenshot)
            #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            if ProcessInfo.processInfo.environment["UPDATE_REPORT_SCREENSHOTS"] == "1" {
                let target = URL(fileURLWithPath: TestSupport.root + "/docs/images/report-\(name).png")
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                _ = try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: screenshot, to: target)
            }
        }

        // Opening the failing report at a highlighted span's row: the script opens that row's details.
        let page = folder.appendingPathComponent("report-failing.html")
        let anchor = "s1-t1-\(F.wrongKindSpan)"
        let opened = try await HeadlessChromium.run(
            chromium,
            ["--dump-dom", page.absoluteString + "#" + anchor],
            in: folder
        )
        let row = try #require(HTMLScan.tags(opened.stdout).first { $0.attributes["id"] == anchor })
        #expect(row.classes.contains("highlight") && row.attributes["open"] != nil)
    }

    @Test("Chromium draws the verify-exporter report: #failures with the violation, one bar per export")
    func verificationInChromium() async throws {
        guard let chromium = HeadlessChromium.executable else {
            Issue.record("CI=true but neither chromium nor chromium-browser is on PATH: run `bash scripts/setup.sh`")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("verify.html")
        try VerificationHTMLReporter.render(try F.verification(), exports: F.exports).write(
            to: page,
            atomically: true,
            encoding: .utf8
        )
        let dom = try await HeadlessChromium.run(chromium, ["--dump-dom", page.absoluteString], in: folder)
        #expect(dom.status == 0, "chromium --dump-dom exited \(dom.status): \(dom.stderr.suffix(2000))")
        #expect(dom.stdout.contains("</main>") && HTMLScan.networkReferences(dom.stdout) == [])
        #expect(HTMLScan.elements(dom.stdout, withClass: "export-bar").count == F.exports.count)
        let failures = try #require(HTMLScan.element(dom.stdout, id: "failures"))
        #expect(
            HTMLScan.elements(failures, withClass: "failure").count == 1 && failures.contains("exporter.timeout-units")
        )
    }
}

/// Finds and runs headless Chromium.
enum HeadlessChromium {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static let enabled = executable != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    static let skipReason: Comment =
        "headless Chromium is missing: run `bash scripts/setup.sh` (installs the Debian package chromium)"

    /// Runs Chromium headless with no network: every host name resolves to nothing and every request goes to a
    /// closed proxy port; its own profile in `folder`.
    static func run(_ executable: String, _ arguments: [String], in folder: URL, timeout: Duration = .seconds(90))
        async throws -> ChildProcess.Outcome
    {
        let profile = folder.appendingPathComponent("profile-\(UUID().uuidString)").path
        return try await ChildProcess.run(
            executable,
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
                "--user-data-dir=\(profile)", "--hide-scrollbars",
            ] + arguments,
            outputFolder: folder,
            timeout: timeout
        )
    }
}
