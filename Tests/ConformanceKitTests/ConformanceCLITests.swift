import ConformanceKit
import Foundation
import Testing

/// The `conformance` executable: bad input exits 2 with the file and line; a passing run exits 0.
@Suite("conformance CLI", .serialized)
struct ConformanceCLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.conformanceBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestSupport.root)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test(
        "a bad scenario file exits 2 naming the file and line",
        arguments: [
            ("name: x\nservices: [\n  - name: A\n", 3),
            ("name: x\nservices:\n  - name: A\n    colour: blue\ntraffic: {count: 1}\n", 4),
            ("name: x\nservices:\n  - name: A\ntraffic:\n  count: -3\n", 5),
            ("name: x\nservices:\n  - name: A\n    kind: java\ntraffic: {count: 1}\n", 4),
        ])
    func badFileExitsTwo(text: String, line: Int) throws {
        let path = try TestSupport.temporaryFile(text)
        let run = try Self.run(["run", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path):\(line)"), "\(run.stderr)")
    }

    @Test("a path that does not exist exits 2")
    func missingPathExitsTwo() throws {
        let run = try Self.run(["run", "/nonexistent/scenarios"])
        #expect(run.status == 2)
    }

    @Test("a --collector-health-url that is not an http:// URL exits 2 naming the flag")
    func badHealthURLExitsTwo() throws {
        let run = try Self.run(["run", "--collector-health-url", "collector:13133"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--collector-health-url"), "\(run.stderr)")
    }

    @Test("an unknown report format exits 2")
    func unknownReportExitsTwo() throws {
        let run = try Self.run(["run", "--report", "xml"])
        #expect(run.status == 2)
    }

    @Test("verify-exporter refuses an unknown protocol and an empty command with exit 2")
    func verifyExporterBadInput() throws {
        #expect(try Self.run(["verify-exporter", "--protocol", "thrift", "--", "true"]).status == 2)
        #expect(try Self.run(["verify-exporter"]).status == 2)
        #expect(try Self.run(["verify-exporter", "--timeout-ms", "0", "--", "true"]).status == 2)
    }

    @Test("a passing scenario exits 0 and writes JUnit XML to --output")
    func passingRunWritesJUnit() throws {
        let output = try TestSupport.temporaryFile("", name: "report.xml")
        let run = try Self.run([
            "run", TestSupport.scenarioFolder + "/export-grpc.yaml", "--report", "junit", "--output", output,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let xml = try String(contentsOfFile: output, encoding: .utf8)
        #expect(xml.contains("<testcase classname=\"conformance\" name=\"export-grpc\""))
        #expect(!xml.contains("<failure"))
        #expect(run.stderr.contains("PASS export-grpc"))
    }

    @Test("verify-exporter exits 1 on the Python SDK's timeout-units quirk and names the rule",
          .enabled(if: TestSupport.pythonEnabled, TestSupport.pythonSkipReason))
    func verifyExporterFindsPythonQuirk() throws {
        let run = try Self.run([
            "verify-exporter", "--protocol", "grpc", "--batch-size", "8", "--timeout-ms", "500", "--",
            TestSupport.locator.pythonExecutable, TestSupport.locator.pythonPeerFolder + "/emit_spans.py", "--traces", "10",
        ])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("exporter.timeout-units"), "\(run.stdout)")
    }
}
