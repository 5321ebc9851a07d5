import ConformanceKit
import Foundation
import Testing

/// verify-exporter's probes on a real exporter: the OpenTelemetry Python SDK 1.45.2 through
/// Conformance/peers/python/emit_spans.py (30 spans; `--batch-size 10` makes several exports, so the second can be
/// stalled). The SDK reads OTEL_EXPORTER_OTLP_TIMEOUT as seconds: with `--timeout-ms 500` its gRPC exporter sends a
/// grpc-timeout a thousand times too long and its HTTP exporter waits ~500 s on a stalled export; the script's
/// `--timeout-as-milliseconds` mode works around it and then passes.
@Suite(
    "verify-exporter on the Python SDK", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: TestSupport.pythonEnabled, TestSupport.pythonSkipReason))
struct PythonExporterProbeTests {
    static func verify(
        _ exportProtocol: String, workaround: Bool = false, configure: (inout ExporterVerifier) -> Void = { _ in }
    ) async throws -> ExporterVerification {
        var verifier = ExporterVerifier(exportProtocol: exportProtocol, batchSize: 10, timeoutMs: 500)
        configure(&verifier)
        let script = TestSupport.locator.pythonPeerFolder + "/emit_spans.py"
        let command = [TestSupport.locator.pythonExecutable, script] + (workaround ? ["--timeout-as-milliseconds"] : [])
        return try await verifier.verify(command: command)
    }

    static func probe(_ run: ExporterVerification, _ name: String) throws -> ProbeReport {
        try #require(run.probes.first { $0.name == name })
    }

    @Test("gRPC: grpc-timeout is 1000x --timeout-ms (seconds), and the stalled export is not given up within the bound")
    func grpcSecondsBug() async throws {
        let run = try await Self.verify("grpc")
        let report = VerificationReporter.text(run, colour: false)
        #expect(run.exitStatus == 0, "\(report)")
        let units = try #require(run.findings.first { $0.ruleId == "exporter.timeout-units" }, "\(report)")
        #expect(units.isViolation)
        #expect(!run.grpcTimeoutsMs.isEmpty)
        #expect(run.grpcTimeoutsMs.allSatisfy { (450_000...550_000).contains($0) }, "\(run.grpcTimeoutsMs)")
        #expect(try Self.probe(run, "grpc-timeout").outcome == .failed)
        let stall = try #require(run.stall, "\(report)")
        #expect(stall.released, "\(report)")
        #expect(try Self.probe(run, "stall").outcome == .failed)
        #expect(run.findings.contains { $0.ruleId == "exporter.timeout.honoured" && $0.isViolation }, "\(report)")
    }

    @Test("HTTP: the stalled export is held until the collector releases it (the SDK waits ~500 s)")
    func httpFailsTheStall() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let run = try await Self.verify("http/protobuf")
        let report = VerificationReporter.text(run, colour: false)
        #expect(clock.now - started < .seconds(60), "the run stays bounded")
        let stall = try #require(run.stall, "\(report)")
        #expect(stall.released, "\(report)")
        #expect(stall.end == "server-fault")
        #expect((stall.openMs ?? 0) >= Double(stall.releaseAfterMs), "\(report)")
        let finding = try #require(run.findings.first { $0.ruleId == "exporter.timeout.honoured" }, "\(report)")
        #expect(finding.isViolation)
        #expect(finding.evidence.contains("stalled export #\(stall.requestId) open"), "\(finding.evidence)")
        #expect(finding.evidence.contains("--timeout-ms 500"), "\(finding.evidence)")
        #expect(try Self.probe(run, "grpc-timeout").outcome == .notRun)
        // After the release the SDK retried at once: nothing is lost.
        #expect(run.spansExported == 30, "\(report)")
    }

    @Test(
        "with the milliseconds workaround both exporters give up on the stall within --timeout-ms ± 250 ms",
        arguments: ["grpc", "http/protobuf"])
    func workaroundPasses(_ exportProtocol: String) async throws {
        let run = try await Self.verify(exportProtocol, workaround: true)
        let report = VerificationReporter.text(run, colour: false)
        let stall = try #require(run.stall, "\(report)")
        #expect(!stall.released, "\(report)")
        let open = try #require(stall.openMs)
        #expect((250...750).contains(open), "\(report)")
        #expect(try Self.probe(run, "stall").outcome == .passed, "\(report)")
        #expect(!run.hasViolation, "\(report)")
    }

    @Test("configured headers and gzip arrive on every export request", arguments: ["grpc", "http/protobuf"])
    func headersAndCompression(_ exportProtocol: String) async throws {
        let run = try await Self.verify(exportProtocol, workaround: true) { verifier in
            verifier.headers = [
                ExporterHeader(name: "x-api-key", value: "k-123"),
                ExporterHeader(name: "x-tenant", value: "a,b c"),
            ]
            verifier.compression = "gzip"
            verifier.stallProbe = false
        }
        let report = VerificationReporter.text(run, colour: false)
        #expect(run.requestCount >= 3, "\(report)")
        #expect(try Self.probe(run, "headers").outcome == .passed, "\(report)")
        #expect(try Self.probe(run, "compression").outcome == .passed, "\(report)")
        #expect(try Self.probe(run, "stall").detail == "turned off with --no-stall-probe")
        #expect(!run.findings.contains { $0.ruleId == "exporter.headers" || $0.ruleId == "exporter.compression" }, "\(report)")
    }

    @Test("one export only (the default batch size): the stall probe says it did not run and why")
    func singleExport() async throws {
        let run = try await Self.verify("http/protobuf", workaround: true) { $0.batchSize = 512 }
        let report = VerificationReporter.text(run, colour: false)
        #expect(run.requestCount == 1, "\(report)")
        let stall = try Self.probe(run, "stall")
        #expect(stall.outcome == .notRun)
        #expect(stall.detail.contains("sent 1 export request(s)"), "\(report)")
        #expect(!run.hasViolation, "\(report)")
    }
}
