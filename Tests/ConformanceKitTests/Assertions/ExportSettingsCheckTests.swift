import Testing

@testable import ConformanceKit

@Suite("ExportSettingsCheck")
struct ExportSettingsCheckTests {
    @Test("a clean A -> B -> C run passes export.protocol; the rules nobody configures are not applicable")
    func cleanChain() {
        let observed = Fixture.run(Fixture.scenario())
        expectPassed(ExportSettingsCheck.evaluate("export.protocol", observed), "export.protocol")
        for rule in ["export.compression", "export.headers", "export.grpcTimeout"] {
            #expect(ExportSettingsCheck.evaluate(rule, observed).status == .notApplicable, "\(rule)")
        }
    }

    @Test("B exporting over a protocol it was not configured with fails, naming B")
    func protocolMismatch() {
        let scenario = Fixture.scenario(Fixture.chain().configuring("B") { $0.exportProtocol = "http/protobuf" })
        var observed = Fixture.run(scenario)
        expectPassed(ExportSettingsCheck.evaluate("export.protocol", observed), "export.protocol")
        observed.editRequests(of: "B") { $0.exportProtocol = "grpc" }
        let result = ExportSettingsCheck.evaluate("export.protocol", observed)
        expectFailed(result, "export.protocol", ["B export request #", "used grpc, configured http/protobuf"])
        #expect(!result.says("A export request"))
    }

    @Test("B ignoring its gzip compression fails; A, with none configured, is not judged")
    func compressionMismatch() {
        var observed = Fixture.run(Fixture.scenario(Fixture.chain().configuring("B") { $0.compression = "gzip" }))
        expectPassed(ExportSettingsCheck.evaluate("export.compression", observed), "export.compression")
        observed.editRequests(of: "B") { $0.compression = "none" }
        observed.editRequests(of: "A") { $0.compression = "gzip" }
        let result = ExportSettingsCheck.evaluate("export.compression", observed)
        expectFailed(
            result,
            "export.compression",
            ["B export request #", "has compression none, configured gzip", "OTEL_EXPORTER_OTLP_COMPRESSION ignored"]
        )
        #expect(!result.says("A export request"))
    }

    struct HeaderDefect: Sendable, CustomTestStringConvertible {
        var label: String
        var sent: [String: String]
        var says: String
        var testDescription: String { label }
    }

    @Test(
        "B's export requests without its configured headers fail",
        arguments: [
            HeaderDefect(
                label: "absent",
                sent: ["x-tenant": "t1"],
                says: "header authorization is absent, configured 'Bearer abc'"
            ),
            HeaderDefect(
                label: "other value",
                sent: ["authorization": "Bearer xyz", "x-tenant": "t1"],
                says: "header authorization is 'Bearer xyz', configured 'Bearer abc'"
            ),
        ]
    )
    func headersMissing(_ defect: HeaderDefect) {
        let scenario = Fixture.scenario(
            Fixture.chain().configuring("B") { $0.headers = ["authorization": "Bearer abc", "x-tenant": "t1"] }
        )
        var observed = Fixture.run(scenario)
        expectPassed(ExportSettingsCheck.evaluate("export.headers", observed), "export.headers")
        observed.editRequests(of: "B") { $0.headers = defect.sent }
        expectFailed(
            ExportSettingsCheck.evaluate("export.headers", observed),
            "export.headers",
            ["B export request #", defect.says, "OTEL_EXPORTER_OTLP_HEADERS ignored"]
        )
    }

    @Test("headers set through env are judged too, and off for B skips B")
    func headersFromEnvAndOff() {
        var scenario = Fixture.scenario(
            Fixture.chain().configuring("B") { $0.environment["OTEL_EXPORTER_OTLP_HEADERS"] = "api-key=s%3Dcret" }
        )
        var observed = Fixture.run(scenario)
        #expect(observed.exports(of: "B").first?.headers["api-key"] == "s=cret")
        observed.editRequests(of: "B") { $0.headers = [:] }
        expectFailed(
            ExportSettingsCheck.evaluate("export.headers", observed),
            "export.headers",
            ["B export request #", "api-key"]
        )
        scenario.expectations.off["export.headers"] = RuleSwitch(
            reason: "B's SDK has no header support",
            services: ["B"]
        )
        observed.scenario = scenario
        #expect(ExportSettingsCheck.evaluate("export.headers", observed).status == .notApplicable)
    }

    struct Timeout: Sendable, CustomTestStringConvertible {
        var sent: [Double?]
        var passes: Bool
        var says: [String] = []
        var testDescription: String { "grpc-timeout \(sent)" }
    }

    @Test(
        "B's grpc-timeout is judged against its 500 ms export timeout",
        arguments: [
            Timeout(sent: [500, 500], passes: true),
            Timeout(sent: [600, 200], passes: true),
            Timeout(
                sent: [500_000, 500_000],
                passes: false,
                says: ["sent grpc-timeout 500000.0 ms", "(OTEL_EXPORTER_OTLP_TIMEOUT read as seconds)"]
            ),
            Timeout(
                sent: [10_000, 10_000],
                passes: false,
                says: ["sent grpc-timeout 10000.0 ms, expected 500 ± 250 ms", "ignores exportTimeoutMs"]
            ),
            Timeout(sent: [100, 100], passes: false, says: ["sent grpc-timeout 100.0 ms"]),
            Timeout(sent: [nil, 500], passes: false, says: ["has no grpc-timeout header"]),
        ]
    )
    func grpcTimeout(_ timeout: Timeout) {
        let scenario = Fixture.scenario(
            Fixture.chain().configuring("B") {
                $0.exportTimeoutMs = 500
                $0.batchSize = 1
            },
            count: 1
        )
        var observed = Fixture.run(scenario)
        let ids = observed.exports(of: "B").map(\.id)
        #expect(ids.count == 2)
        observed.editRequests(of: "B") { $0.grpcTimeoutMs = timeout.sent[ids.firstIndex(of: $0.id)!] }
        let result = ExportSettingsCheck.evaluate("export.grpcTimeout", observed)
        if timeout.passes {
            expectPassed(result, "export.grpcTimeout")
        } else {
            expectFailed(result, "export.grpcTimeout", ["B export request #"] + timeout.says)
            #expect(!result.says("A export request"))
        }
    }

    @Test("a service exporting over HTTP is not judged on grpc-timeout")
    func httpNotJudged() {
        let scenario = Fixture.scenario(
            Fixture.chain().configuring("B") {
                $0.exportTimeoutMs = 500
                $0.exportProtocol = "http/json"
            }
        )
        #expect(ExportSettingsCheck.evaluate("export.grpcTimeout", Fixture.run(scenario)).status == .notApplicable)
    }

    @Test("without a wire view the export settings are not applicable", arguments: ExportSettingsCheck.ruleIDs)
    func noWireView(_ rule: String) {
        var observed = Fixture.run(Fixture.scenario())
        observed.requests = nil
        #expect(ExportSettingsCheck.evaluate(rule, observed).status == .notApplicable)
    }
}
