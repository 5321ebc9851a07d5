import ConformanceKit
import Foundation
import Testing

/// The conformance matrix as a test (Conformance/third-party/README.md): the Python rows of
/// Conformance/third-party/matrix.json (the OpenTelemetry Python SDK 1.45.2 gRPC and HTTP exporters, the OTLP/JSON
/// exporter 0.66b1, the Dash0 pure-Python exporters 1.44.0.post1, the Python peer and rotel as hops) judged with the
/// manifest's own settings through ConformanceKit, in process. It pins the known real bugs, so a change of the judge
/// that stops seeing one fails here: the seconds-for-milliseconds reading of OTEL_EXPORTER_OTLP_TIMEOUT on the wire
/// (gRPC: grpc-timeout 1000x too long, for the SDK and Dash0) and through the stall probe (HTTP, the OTLP/JSON
/// exporter included, which is otherwise clean). The swift-otel rows are left to `bash scripts/matrix.sh` (their
/// package takes minutes to build).
@Suite(
    "Conformance matrix (Python rows)", .serialized, .timeLimit(.minutes(5)),
    .enabled(if: MatrixManifest.pythonRowsEnabled, MatrixManifest.skipReason))
struct ConformanceMatrixTests {
    /// One verification per row and setting for the whole suite (the tests share the runs).
    static func verify(_ id: String, stallProbe: Bool = true) async throws -> ExporterVerification {
        try await MatrixRuns.shared.run("\(id) stall=\(stallProbe)") { try await freshVerify(id, stallProbe: stallProbe) }
    }

    static func freshVerify(_ id: String, stallProbe: Bool) async throws -> ExporterVerification {
        let manifest = try MatrixManifest.load()
        let row = try #require(manifest.implementations.first { $0.id == id }, "\(id) is not in matrix.json")
        var verifier = try manifest.exporterSettings.verifier(protocol: try #require(row.protocol))
        verifier.stallProbe = stallProbe
        return try await verifier.verify(command: manifest.command(for: row))
    }

    static func probe(_ run: ExporterVerification, _ name: String) throws -> ProbeReport {
        try #require(run.probes.first { $0.name == name }, "no \(name) probe")
    }

    static func failedProbes(_ run: ExporterVerification) -> Set<String> {
        Set(run.probes.filter { $0.outcome == .failed }.map(\.name))
    }

    /// What every Python exporter gets right: the wire rules, the batch size, the headers and gzip, no span lost
    /// to the judge.
    static func expectRightOnTheWire(_ run: ExporterVerification, _ report: String) throws {
        let wireViolations = run.findings.filter { $0.isViolation && !$0.ruleId.hasPrefix("exporter.") }
        #expect(wireViolations.isEmpty, "\(report)")
        #expect(run.exitStatus == 0 && !run.killed, "\(report)")
        #expect(run.requestCount >= 2, "\(report)")
        #expect(run.spansQueried == run.spansExported, "\(report)")
        for name in ["batch-size", "headers", "compression"] {
            #expect(try probe(run, name).outcome == .passed, "\(name): \(report)")
        }
    }

    @Test(
        "gRPC exporters of the Python SDK 1.45.2 and Dash0 1.44: grpc-timeout is 1000x --timeout-ms (seconds)",
        arguments: ["otel-python-grpc", "dash0-grpc"])
    func grpcSecondsBug(_ id: String) async throws {
        let run = try await Self.verify(id)
        let report = VerificationReporter.text(run, colour: false)
        try Self.expectRightOnTheWire(run, report)
        let units = try #require(run.findings.first { $0.ruleId == "exporter.timeout-units" }, "\(report)")
        #expect(units.isViolation)
        #expect(!run.grpcTimeoutsMs.isEmpty, "\(report)")
        // 500 ms read as 500 s: what remains of a 500 s deadline, far above the 600 ms the tolerance allows.
        #expect(run.grpcTimeoutsMs.allSatisfy { (400_000...550_000).contains($0) }, "\(run.grpcTimeoutsMs)")
        #expect(try Self.probe(run, "grpc-timeout").outcome == .failed)
        // The same reading keeps the stalled export open until the collector releases it.
        let stall = try #require(run.stall, "\(report)")
        #expect(stall.released, "\(report)")
        #expect(Self.failedProbes(run) == ["grpc-timeout", "stall"], "\(report)")
    }

    @Test(
        "HTTP exporters: nothing on the wire shows the seconds bug, the stall probe does (held until released)",
        arguments: ["otel-python-http", "dash0-http"])
    func httpStallFinding(_ id: String) async throws {
        let run = try await Self.verify(id)
        let report = VerificationReporter.text(run, colour: false)
        try Self.expectRightOnTheWire(run, report)
        #expect(try Self.probe(run, "grpc-timeout").outcome == .notRun)
        #expect(!run.findings.contains { $0.ruleId == "exporter.timeout-units" }, "\(report)")
        let stall = try #require(run.stall, "\(report)")
        #expect(stall.released, "\(report)")
        #expect((stall.openMs ?? 0) >= Double(stall.releaseAfterMs), "\(report)")
        let finding = try #require(run.findings.first { $0.ruleId == "exporter.timeout.honoured" }, "\(report)")
        #expect(finding.isViolation)
        #expect(Self.failedProbes(run) == ["stall"], "\(report)")
    }

    @Test("OTLP/JSON 0.66b1: clean on every wire and configuration rule; only the stall shows its seconds reading")
    func jsonExporter() async throws {
        let clean = try await Self.verify("otel-python-json", stallProbe: false)
        let cleanReport = VerificationReporter.text(clean, colour: false)
        try Self.expectRightOnTheWire(clean, cleanReport)
        #expect(!clean.hasViolation, "\(cleanReport)")
        #expect(clean.findings.isEmpty, "\(cleanReport)")
        #expect(clean.spansExported == 30, "\(cleanReport)")

        let run = try await Self.verify("otel-python-json")
        let report = VerificationReporter.text(run, colour: false)
        try Self.expectRightOnTheWire(run, report)
        #expect(run.findings.filter(\.isViolation).map(\.ruleId) == ["exporter.timeout.honoured"], "\(report)")
        #expect(try #require(run.stall, "\(report)").released, "\(report)")
    }

    @Test("every failed probe of a Python exporter row is a finding matrix.json lists, and every listed one is seen")
    func manifestAgrees() async throws {
        let manifest = try MatrixManifest.load()
        let rows = manifest.implementations.filter { $0.group == "python" && $0.kind == "exporter" }
        #expect(rows.count == 5, "\(rows.map(\.id))")
        for row in rows {
            let run = try await Self.verify(row.id)
            #expect(
                Self.failedProbes(run) == Set(row.findingRules), "\(row.id): \(VerificationReporter.text(run, colour: false))")
        }
    }

    @Test(
        "hop rows: the Python peer and rotel pass their matrix scenarios",
        arguments: ["python-peer-hop", "rotel-hop"])
    func hops(_ id: String) async throws {
        let manifest = try MatrixManifest.load()
        let row = try #require(manifest.implementations.first { $0.id == id })
        let scenario = try ScenarioLoader.load(file: TestSupport.root + "/" + (try #require(row.scenario)))
        let result = await ScenarioRunner().run(scenario)
        let report = TextReporter(colour: false, tracesShown: 0).render([result])
        #expect(result.passed, "\(report)")
        #expect(result.expectations.first { $0.id == "noLoss" }?.status == .passed, "\(report)")
        #expect(result.expectations.first { $0.id == "propagation" }?.status == .passed, "\(report)")
    }
}

/// The verifications already made in this test process, by row and setting.
actor MatrixRuns {
    static let shared = MatrixRuns()
    private var runs: [String: ExporterVerification] = [:]

    func run(_ key: String, _ make: () async throws -> ExporterVerification) async throws -> ExporterVerification {
        if let done = runs[key] { return done }
        let run = try await make()
        runs[key] = run
        return run
    }
}

/// The parts of Conformance/third-party/matrix.json the test reads.
struct MatrixManifest: Decodable {
    struct ExporterSettings: Decodable {
        var verifyArguments: [String]
        var driverArguments: [String]

        /// An ``ExporterVerifier`` with the settings every exporter row gets from `verifyArguments`.
        func verifier(protocol exportProtocol: String) throws -> ExporterVerifier {
            var verifier = ExporterVerifier(exportProtocol: exportProtocol)
            var rest = verifyArguments[...]
            while let flag = rest.popFirst() {
                let next = rest.popFirst()
                let value = try #require(next, "\(flag) without a value in matrix.json")
                switch flag {
                case "--batch-size": verifier.batchSize = try #require(Int(value))
                case "--timeout-ms": verifier.timeoutMs = try #require(Int(value))
                case "--compression": verifier.compression = value
                case "--header": verifier.headers.append(try ExporterHeader.parse(value))
                default: Issue.record("matrix.json: verifyArguments has \(flag), which the test does not map")
                }
            }
            try verifier.validate()
            return verifier
        }
    }

    struct Row: Decodable {
        var id: String
        var group: String
        var kind: String
        var `protocol`: String?
        var command: [String]?
        var scenario: String?
        var findings: [String: Finding]

        struct Finding: Decodable { var explanation: String }

        var findingRules: [String] { findings.keys.sorted() }
    }

    var exporterSettings: ExporterSettings
    var implementations: [Row]

    static let path = TestSupport.root + "/Conformance/third-party/matrix.json"

    static func load() throws -> MatrixManifest {
        try JSONDecoder().decode(MatrixManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The row's command with the driver arguments, paths made absolute from the package root.
    func command(for row: Row) throws -> [String] {
        let command = try #require(row.command, "\(row.id) has no command")
        let absolute = command.map { part in
            FileManager.default.fileExists(atPath: TestSupport.root + "/" + part) ? TestSupport.root + "/" + part : part
        }
        return absolute + exporterSettings.driverArguments
    }

    /// The venvs the Python rows run in: the peers' and each third-party group's (scripts/setup.sh makes them).
    static let pythonVenvs = [
        "Conformance/peers/python/.venv", "Conformance/third-party/otlp-json/.venv", "Conformance/third-party/dash0/.venv",
    ]

    /// Like the other Python tests: where the venvs exist, and always on CI (where a missing one must fail loudly).
    static let pythonRowsEnabled =
        pythonVenvs.allSatisfy { FileManager.default.isExecutableFile(atPath: TestSupport.root + "/" + $0 + "/bin/python") }
        || ProcessInfo.processInfo.environment["CI"] == "true"
    static let skipReason: Comment = """
        needs the Python venvs of the matrix (Conformance/peers/python/.venv, Conformance/third-party/*/.venv): \
        run `bash scripts/setup.sh` (always runs when CI=true)
        """
}
