import ConformanceKit
import Foundation

/// Fabricated results for the HTML report tests: a passing A -> B -> C run and a failing one whose failed
/// expectations name a trace and spans, with hostile text (a span named `<script>alert(1)</script>`, attribute
/// values that try to close their attribute, service output that tries to close its `<pre>`).
enum HTMLReportFixtures {
    static let origin: UInt64 = 1_764_870_000_000_000_000

    static func traceID(_ n: Int) -> String { "4bf92f3577b34da6a3ce929d0e0e47" + String(format: "%02x", n) }
    static func spanID(_ trace: Int, _ n: Int) -> String { "00f067aa0ba9" + String(format: "%02x%02x", trace, n) }

    static func ms(_ value: Double) -> UInt64 { UInt64(value * 1_000_000) }

    /// One A -> B -> C request: five spans, the client spans inside their server spans.
    static func chainTrace(_ n: Int, at startMs: Double, cDuration: Double = 6, kinds: [Int] = [2, 3, 2, 3, 2])
        -> [QueriedSpan]
    {
        let trace = traceID(n)
        let base = origin + ms(startMs)
        func span(
            _ index: Int,
            parent: Int?,
            service: String,
            name: String,
            from: Double,
            to: Double,
            status: Int = 0,
            attributes: [String: AttributeValue]
        ) -> QueriedSpan {
            QueriedSpan(
                traceID: trace,
                spanID: spanID(n, index),
                parentSpanID: parent.map { spanID(n, $0) },
                name: name,
                kind: kinds[index - 1],
                startNanos: base + ms(from),
                endNanos: base + ms(to),
                service: service,
                attributes: attributes,
                statusCode: status,
                flags: 1
            )
        }
        let server: [String: AttributeValue] = [
            "http.request.method": .string("GET"), "http.route": .string("/api/chain"),
            "url.path": .string("/api/chain"),
            "http.response.status_code": .int(200), "server.port": .int(8080),
        ]
        let client: [String: AttributeValue] = [
            "http.request.method": .string("GET"), "http.response.status_code": .int(200),
            "server.address": .string("127.0.0.1"),
        ]
        return [
            span(1, parent: nil, service: "A", name: "GET /api/chain", from: 0, to: 24.5, attributes: server),
            span(2, parent: 1, service: "A", name: "GET", from: 1.2, to: 22.8, attributes: client),
            span(3, parent: 2, service: "B", name: "GET /api/chain", from: 2.5, to: 21.1, attributes: server),
            span(4, parent: 3, service: "B", name: "GET", from: 4.0, to: 4.0 + cDuration + 8, attributes: client),
            span(
                5,
                parent: 4,
                service: "C",
                name: "GET /api/chain",
                from: 6.1,
                to: 6.1 + cDuration,
                attributes: server
            ),
        ]
    }

    static let topology = [
        ServiceOverview(
            name: "A",
            kind: "demo",
            downstream: ["B"],
            settings: [
                .init(name: "protocol", value: "grpc"), .init(name: "propagation", value: "w3c, baggage"),
                .init(name: "batch size", value: "16"),
            ]
        ),
        ServiceOverview(
            name: "B",
            kind: "python",
            downstream: ["C"],
            settings: [
                .init(name: "protocol", value: "http/protobuf"), .init(name: "propagation", value: "w3c, baggage"),
                .init(name: "compression", value: "gzip"),
            ]
        ),
        ServiceOverview(
            name: "C",
            kind: "demo",
            settings: [.init(name: "protocol", value: "grpc"), .init(name: "export timeout", value: "500 ms")]
        ),
    ]

    static func runs(output: [String] = ["out| ready http=127.0.0.1:40001"]) -> [ServiceRun] {
        ["A", "B", "C"].enumerated().map { index, name in
            ServiceRun(
                name: name,
                kind: index == 1 ? "python" : "demo",
                commandLine: ["demo-service", "--name", name],
                address: "127.0.0.1:4000\(index + 1)",
                exitStatus: 0,
                killed: false,
                output: output
            )
        }
    }

    static let passing = ScenarioResult(
        name: "chain-w3c",
        file: "Conformance/scenarios/chain-w3c.yaml",
        description: "A -> B -> C over W3C trace context: one trace per request, the full parent chain.",
        durationSeconds: 3.42,
        expectations: [
            ExpectationResult(
                id: "requests",
                status: .passed,
                summary: "3 of 3 requests answered 2xx",
                evidence: ["slowest 24.5 ms"]
            ),
            ExpectationResult(
                id: "sharedTrace",
                status: .passed,
                summary: "3 traces, each A server -> A client -> B server -> B client -> C server",
                evidence: ["trace \(traceID(1)): A \(spanID(1, 1)) -> B \(spanID(1, 3)) -> C \(spanID(1, 5))"]
            ),
            ExpectationResult(id: "spanKinds", status: .passed, summary: "every server span SERVER, every call CLIENT"),
            ExpectationResult(
                id: "propagation",
                status: .passed,
                summary: "6 hop requests carried traceparent, baggage"
            ),
            ExpectationResult(id: "sampling", status: .notApplicable, summary: "no service configures a sampling rate"),
            ExpectationResult(id: "exportTimeout", status: .off, summary: "off: the collector never stalls here"),
        ],
        spans: chainTrace(1, at: 0) + chainTrace(2, at: 40, cDuration: 4) + chainTrace(3, at: 80, cDuration: 9),
        services: runs(),
        requestsSent: 3,
        requestsSucceeded: 3,
        topology: topology
    )

    /// The span a failed `spanKinds` names (B's call to C exported as INTERNAL) and the span a failed
    /// `sharedTrace` names (C's server span of trace 2 with no parent).
    static let wrongKindSpan = spanID(2, 4)
    static let orphanSpan = spanID(2, 5)
    static let hostileName = "<script>alert(1)</script>"

    static let failing: ScenarioResult = {
        var broken = chainTrace(2, at: 40, cDuration: 4, kinds: [2, 3, 2, 1, 2])
        broken[4].parentSpanID = nil
        broken[4].statusCode = 2
        broken[4].attributes["error.type"] = .string("500")
        var hostile = chainTrace(3, at: 80)
        hostile[2].name = hostileName
        hostile[2].attributes["x.injection"] = .string("\"><img src=x onerror=alert(2)>")
        hostile[2].attributes["url.full"] = .string("http://example.com/never-fetched.js")
        return ScenarioResult(
            name: "chain-b3-python",
            file: "Conformance/scenarios/chain-b3-python.yaml",
            description: "A -> B (Python) -> C over b3; B's client span must be CLIENT.",
            durationSeconds: 5.07,
            expectations: [
                ExpectationResult(id: "requests", status: .passed, summary: "3 of 3 requests answered 2xx"),
                ExpectationResult(
                    id: "sharedTrace",
                    status: .failed,
                    summary:
                        "trace \(traceID(2)): C span 'GET /api/chain' \(orphanSpan) has no parent span id (dropped parent); expected a span of B",
                    evidence: ["expected parent B client \(wrongKindSpan)"]
                ),
                ExpectationResult(
                    id: "spanKinds",
                    status: .failed,
                    summary: "B span 'GET' \(wrongKindSpan) is its call to C but is INTERNAL, not CLIENT",
                    evidence: ["exported kind 1 (INTERNAL) for the call B -> C"]
                ),
                ExpectationResult(id: "propagation", status: .passed, summary: "6 hop requests carried b3"),
                ExpectationResult(id: "wire", status: .notApplicable, summary: "no wire view"),
            ],
            spans: chainTrace(1, at: 0) + broken + hostile,
            services: runs(output: ["out| ready", "err| \u{1B}[31mboom\u{1B}[0m </pre><script>alert(3)</script>"]),
            requestsSent: 3,
            requestsSucceeded: 3,
            topology: topology
        )
    }()

    /// The failing result with hostile text everywhere else too: the scenario name, a summary, evidence.
    static let hostile: ScenarioResult = {
        var result = failing
        result.name = "chain <b>injected</b>"
        result.description = "</p><iframe>"
        result.expectations[2].evidence.append("kind 1 </li></ul><script>alert(4)</script>")
        result.expectations[1].summary += " <a href=\"https://example.com/x\">x</a>"
        return result
    }()

    /// A verify-exporter run that sent one batch too large and the timeout in seconds.
    static func verification() throws -> ExporterVerification {
        let json = """
            {"command": ["python", "emit_spans.py", "<script>alert(5)</script>"], "exportProtocol": "grpc", "batchSize": 8,
             "timeoutMs": 500, "headers": [{"name": "x-api-key", "value": "s3cret"}], "exitStatus": 0, "killed": false, "requestCount": 3, "spansExported": 20, "spansQueried": 20,
             "batchSizes": [8, 8, 4], "grpcTimeoutsMs": [500000, 500000, 500000],
             "findings": [
               {"ruleId": "exporter.timeout-units", "severity": "violation",
                "message": "OTEL_EXPORTER_OTLP_TIMEOUT=500 is read as seconds, not milliseconds",
                "evidence": "request #2 grpc-timeout 500000.0 ms (3 requests)", "requestId": 2},
               {"ruleId": "wire.user-agent", "severity": "warning", "message": "no user-agent <i>header</i>", "evidence": ""}
             ],
             "probes": [
               {"name": "grpc-timeout", "outcome": "failed", "detail": "3 requests sent grpc-timeout 500000 ms",
                "ruleIds": ["exporter.timeout-units"]},
               {"name": "stall", "outcome": "not-run", "detail": "turned off <u>by</u> --no-stall-probe", "ruleIds": []}
             ],
             "output": ["exported 20 spans"]}
            """
        return try JSONDecoder().decode(ExporterVerification.self, from: Data(json.utf8))
    }

    static let exports = [
        ExportRecord(
            id: 2,
            spanCount: 8,
            grpcTimeoutMs: 500_000,
            startMs: 0,
            durationMs: 3.1,
            status: "0",
            end: "answered"
        ),
        ExportRecord(
            id: 3,
            spanCount: 8,
            grpcTimeoutMs: 500_000,
            startMs: 210,
            durationMs: 2.4,
            status: "0",
            end: "answered"
        ),
        ExportRecord(
            id: 4,
            spanCount: 4,
            grpcTimeoutMs: 500_000,
            startMs: 890,
            durationMs: 2.9,
            status: "0",
            end: "answered"
        ),
    ]
}
