import Foundation
import Testing

@testable import ConformanceKit

/// The verify-exporter report says which probes ran and which did not (and why), in text and JSON.
@Suite("verify-exporter report")
struct VerificationReporterTests {
    static let run: ExporterVerification = {
        var verifier = ExporterVerifier(exportProtocol: "http/protobuf", batchSize: 10, timeoutMs: 500)
        verifier.headers = [ExporterHeader(name: "authorization", value: "Bearer secret-token")]
        let requests = ExporterRulesTests.requests(3, headers: ["authorization": "Bearer secret-token"])
        var run = ExporterRulesTests.run(
            verifier, requests: requests,
            stall: StallObservation(
                requestId: 2, openMs: 2_750.9, end: "server-fault", released: true, releaseAfterMs: 2_750))
        run.headers = verifier.headers
        return run
    }()

    @Test("the text lists every probe with its outcome, and the reason for those that did not run")
    func text() {
        let text = VerificationReporter.text(Self.run, colour: false)
        #expect(text.contains("  probes:\n"))
        #expect(text.contains("[passed ] batch-size: largest export 10 spans, --batch-size 10"), "\(text)")
        #expect(text.contains("[not run] grpc-timeout: only gRPC carries the timeout on the wire"), "\(text)")
        #expect(
            text.contains(
                "[failed ] stall: stalled export #2 open 2750.9 ms, --timeout-ms 500 (did not give up within 2750 ms"),
            "\(text)")
        #expect(text.contains("[passed ] headers: authorization checked on 3 export requests"), "\(text)")
        #expect(text.contains("[not run] compression: no --compression given"), "\(text)")
        #expect(text.contains("[violation] exporter.timeout.honoured"), "\(text)")
        #expect(text.contains("OTEL_EXPORTER_OTLP_HEADERS with authorization"), "\(text)")
        #expect(!text.contains("secret-token"), "header values stay out of the text report")
    }

    @Test("the JSON carries the probes and the stall, and reads back")
    func json() throws {
        let json = VerificationReporter.json(Self.run)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let probes = try #require(object["probes"] as? [[String: Any]])
        #expect(probes.map { $0["name"] as? String } == ["batch-size", "grpc-timeout", "stall", "headers", "compression"])
        #expect(probes.map { $0["outcome"] as? String } == ["passed", "not-run", "failed", "passed", "not-run"])
        #expect((probes[1]["detail"] as? String)?.contains("only gRPC") == true)
        let stall = try #require(object["stall"] as? [String: Any])
        #expect(stall["released"] as? Bool == true)
        #expect(stall["requestId"] as? Int == 2)
        #expect(object["timeoutToleranceMs"] as? Int == 250)
        let decoded = try JSONDecoder().decode(ExporterVerification.self, from: Data(json.utf8))
        #expect(decoded == Self.run)
    }

    @Test("a report written before the probes existed still reads, with no probes")
    func olderJSON() throws {
        let json = """
            {"command": ["x"], "exportProtocol": "grpc", "batchSize": 8, "timeoutMs": 500, "exitStatus": 0,
             "killed": false, "requestCount": 1, "spansExported": 1, "spansQueried": 1, "batchSizes": [1],
             "grpcTimeoutsMs": [], "findings": [], "output": []}
            """
        let decoded = try JSONDecoder().decode(ExporterVerification.self, from: Data(json.utf8))
        #expect(decoded.probes.isEmpty)
        #expect(decoded.stall == nil)
        #expect(decoded.toleranceMs == 100)
        #expect(decoded.headers.isEmpty)
    }
}
