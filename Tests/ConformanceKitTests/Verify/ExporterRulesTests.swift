import Foundation
import Testing

@testable import ConformanceKit

/// The verifier's probes judged on fabricated collector records: the stall (timeout measured at the collector),
/// `grpc-timeout`, headers, compression, and which probes ran.
@Suite("verify-exporter rules")
struct ExporterRulesTests {
    static func verifier(_ exportProtocol: String = "http/protobuf") -> ExporterVerifier {
        ExporterVerifier(exportProtocol: exportProtocol, batchSize: 10, timeoutMs: 500)
    }

    static func run(_ verifier: ExporterVerifier, requests: [HarnessRequest], stall: StallObservation? = nil)
        -> ExporterVerification
    {
        var run = ExporterVerification(
            command: ["exporter"], exportProtocol: verifier.exportProtocol, batchSize: verifier.batchSize,
            timeoutMs: verifier.timeoutMs, exitStatus: 0, killed: false, requestCount: requests.count,
            spansExported: 0, spansQueried: 0, batchSizes: requests.map(\.spanCount),
            grpcTimeoutsMs: requests.compactMap(\.grpcTimeoutMs), findings: [], output: [])
        run.stall = stall
        let rules = ExporterRules(verifier: verifier)
        run.findings += rules.judge(requests: requests, spans: [], run)
        run.probes = rules.probes(requests: requests, run, findings: run.findings)
        return run
    }

    static func requests(_ count: Int, protocol exportProtocol: String = "http/protobuf",
                         headers: [String: String] = [:], compression: String = "none",
                         grpcTimeoutMs: Double? = nil) -> [HarnessRequest] {
        (1...count).map {
            HarnessRequest(
                id: $0, exportProtocol: exportProtocol, headers: headers, compression: compression, spanCount: 10,
                grpcTimeoutMs: grpcTimeoutMs, status: exportProtocol == "grpc" ? "0" : "200")
        }
    }

    static func probe(_ run: ExporterVerification, _ name: String) -> ProbeReport? {
        run.probes.first { $0.name == name }
    }

    @Test(
        "a stalled export that ends within --timeout-ms ± tolerance passes; later is a violation, earlier a warning",
        arguments: [(510.0, ProbeReport.Outcome.passed), (740.0, .passed), (760.0, .failed), (1_600.0, .failed),
                    (260.0, .passed), (240.0, .warning)])
    func stallWindow(_ openMs: Double, _ outcome: ProbeReport.Outcome) throws {
        let stall = StallObservation(
            requestId: 2, openMs: openMs, end: "connection-closed", released: false, releaseAfterMs: 2_750)
        let run = Self.run(Self.verifier(), requests: Self.requests(3), stall: stall)
        let probe = try #require(Self.probe(run, "stall"))
        #expect(probe.outcome == outcome, "\(probe)")
        #expect(probe.detail.contains("stalled export #2 open \(String(format: "%.1f", openMs)) ms, --timeout-ms 500"))
        let finding = run.findings.first { $0.ruleId == "exporter.timeout.honoured" }
        #expect((finding == nil) == (outcome == .passed))
        if let finding {
            #expect(finding.severity == (outcome == .failed ? "violation" : "warning"))
            #expect(finding.evidence.hasPrefix("stalled export #2 open"), "\(finding.evidence)")
            #expect(finding.requestId == 2)
        }
    }

    @Test("a stall the collector had to release is a violation saying the exporter did not give up within the bound")
    func stallReleased() throws {
        let stall = StallObservation(
            requestId: 2, openMs: 2_751.3, end: "server-fault", released: true, releaseAfterMs: 2_750)
        let run = Self.run(Self.verifier(), requests: Self.requests(3), stall: stall)
        let finding = try #require(run.findings.first { $0.ruleId == "exporter.timeout.honoured" })
        #expect(finding.isViolation)
        #expect(finding.message.contains("did not give up on a stalled export within 2750 ms"), "\(finding.message)")
        #expect(finding.evidence.contains("stalled export #2 open 2751.3 ms, --timeout-ms 500"), "\(finding.evidence)")
        #expect(finding.evidence.contains("did not give up within 2750 ms"), "\(finding.evidence)")
        #expect(Self.probe(run, "stall")?.outcome == .failed)
        #expect(run.hasViolation)
    }

    @Test("the stall probe says why it did not run: turned off, or too few exports")
    func stallNotRun() throws {
        var off = Self.verifier()
        off.stallProbe = false
        let turnedOff = try #require(Self.probe(Self.run(off, requests: Self.requests(3)), "stall"))
        #expect(turnedOff.outcome == .notRun)
        #expect(turnedOff.detail == "turned off with --no-stall-probe")
        let single = try #require(Self.probe(Self.run(Self.verifier(), requests: Self.requests(1)), "stall"))
        #expect(single.outcome == .notRun)
        #expect(single.detail.contains("sent 1 export request(s); the probe stalls the second"), "\(single.detail)")
        #expect(single.detail.contains("--batch-size"))
    }

    @Test("grpc-timeout in seconds is one violation for every request; the probe does not run over HTTP")
    func grpcTimeout() throws {
        let grpc = Self.run(
            Self.verifier("grpc"), requests: Self.requests(3, protocol: "grpc", grpcTimeoutMs: 500_000))
        let units = grpc.findings.filter { $0.ruleId == "exporter.timeout-units" }
        #expect(units.count == 1)
        #expect(units.first?.evidence == "request #1 grpc-timeout 500000.0 ms (3 requests)")
        #expect(Self.probe(grpc, "grpc-timeout")?.outcome == .failed)
        let http = try #require(Self.probe(Self.run(Self.verifier(), requests: Self.requests(2)), "grpc-timeout"))
        #expect(http.outcome == .notRun)
        #expect(http.detail.contains("only gRPC carries the timeout on the wire"))
    }

    @Test("a gRPC exporter that sends no grpc-timeout gets one warning; a rounded-up one is summarised")
    func grpcTimeoutMissingOrRounded() {
        let missing = Self.run(Self.verifier("grpc"), requests: Self.requests(2, protocol: "grpc"))
        #expect(missing.findings.map(\.ruleId) == ["exporter.grpc-timeout-missing"])
        #expect(Self.probe(missing, "grpc-timeout")?.outcome == .warning)
        let rounded = Self.run(Self.verifier("grpc"), requests: Self.requests(3, protocol: "grpc", grpcTimeoutMs: 501))
        #expect(rounded.findings.map(\.ruleId) == ["exporter.timeout-rounded-up"])
        #expect(rounded.findings.first?.evidence == "request #1 grpc-timeout 501.0 ms (3 requests)")
    }

    @Test("a configured header missing or different on an export request is a violation naming the requests")
    func headers() throws {
        var verifier = Self.verifier()
        verifier.headers = [ExporterHeader(name: "X-Api-Key", value: "k1"), ExporterHeader(name: "x-tenant", value: "t")]
        var requests = Self.requests(3, headers: ["x-api-key": "k1", "x-tenant": "t"])
        #expect(Self.probe(Self.run(verifier, requests: requests), "headers")?.outcome == .passed)
        requests[1].headers["x-api-key"] = nil
        requests[2].headers["x-api-key"] = "k1%2C"
        let run = Self.run(verifier, requests: requests)
        let finding = try #require(run.findings.first { $0.ruleId == "exporter.headers" })
        #expect(finding.isViolation)
        #expect(finding.message.contains("X-Api-Key"))
        #expect(finding.message.contains("2 of 3 export requests"), "\(finding.message)")
        #expect(finding.evidence == "request #2: absent; request #3: X-Api-Key: 'k1%2C'")
        #expect(finding.requestId == 2)
        #expect(run.findings.filter { $0.ruleId == "exporter.headers" }.count == 1)  // x-tenant arrived everywhere
        #expect(Self.probe(run, "headers")?.outcome == .failed)
    }

    @Test("--compression gzip with uncompressed exports is a violation; without --compression the probe does not run")
    func compression() throws {
        var verifier = Self.verifier()
        verifier.compression = "gzip"
        var requests = Self.requests(3, compression: "gzip")
        #expect(Self.probe(Self.run(verifier, requests: requests), "compression")?.outcome == .passed)
        requests[0].compression = "none"
        let run = Self.run(verifier, requests: requests)
        let finding = try #require(run.findings.first { $0.ruleId == "exporter.compression" })
        #expect(finding.message == "OTEL_EXPORTER_OTLP_COMPRESSION=gzip, but 1 of 3 export requests arrived with compression none")
        #expect(finding.evidence == "request(s) #1: compression none")
        let unset = try #require(Self.probe(Self.run(Self.verifier(), requests: requests), "compression"))
        #expect(unset.outcome == .notRun)
        #expect(unset.detail.contains("no --compression given"))
    }

    @Test("every probe is listed, in order, run or not; with no export none of them ran")
    func probesListed() {
        let nothing = Self.run(Self.verifier(), requests: [])
        #expect(nothing.probes.map(\.name) == ["batch-size", "grpc-timeout", "stall", "headers", "compression"])
        #expect(nothing.probes.allSatisfy { !$0.ran })
        #expect(nothing.findings.map(\.ruleId) == ["exporter.nothing-exported"])
    }
}
