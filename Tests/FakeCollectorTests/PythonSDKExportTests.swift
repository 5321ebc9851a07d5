import CelloOTLP
import Foundation
import Testing

@testable import FakeCollector

/// The OpenTelemetry Python SDK's own OTLP exporters (pinned in Conformance/peers/python/requirements.txt) export to
/// an in-process collector; every span is then found through the api_v3 query API with its attributes
/// (docs/cello-telemetry.md section 6).
///
/// http/json is not covered: the only OTLP http/json exporter on PyPI (`opentelemetry-exporter-otlp-json-http`
/// 0.66b1) pins `opentelemetry-exporter-otlp-common==0.66b1`, while the pinned gRPC exporter 1.45.2 needs 0.66b2.
@Suite("Python SDK exporters", .enabled(if: PythonPeer.shouldRun, "needs the Python peers' venv: run scripts/setup.sh"),
       .timeLimit(.minutes(1)))
struct PythonSDKExportTests {
    static let traces = 6
    static let spansPerTrace = 3

    @Test("every span the Python SDK exports is stored once and found through api_v3 with its attributes",
          arguments: [ExportProtocol.grpc, .httpProtobuf])
    func pythonExport(_ exportProtocol: ExportProtocol) async throws {
        try #require(PythonPeer.venvExists, "the Python peers' venv is missing: run scripts/setup.sh")
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let service = "python-\(exportProtocol == .grpc ? "grpc" : "http")-\(UInt32.random(in: 0...UInt32.max))"
            let endpoint = exportProtocol == .grpc ? addresses.grpc : addresses.http
            let started = Date()
            let outcome = try await PythonPeer.run(
                "emit_spans.py",
                arguments: ["--traces", "\(Self.traces)", "--spans-per-trace", "\(Self.spansPerTrace)"],
                environment: [
                    "OTEL_SERVICE_NAME": service,
                    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://\(endpoint)",
                    "OTEL_EXPORTER_OTLP_PROTOCOL": exportProtocol.rawValue,
                    "OTEL_RESOURCE_ATTRIBUTES": "peer.language=python",
                ])
            try #require(outcome.status == 0, "emit_spans.py failed: \(outcome.standardError)")
            let expected = Self.traces * Self.spansPerTrace
            await collector.waitForRequests { records in
                records.reduce(0) { $0 + ($1.signal == .traces ? $1.spanCount : 0) } >= expected
            }

            let records = collector.exportRequests()
            #expect(records.allSatisfy { $0.exportProtocol == exportProtocol && $0.status == (exportProtocol == .grpc ? "0" : "200") })
            #expect(collector.storeStats().spansStored == expected)
            let violations = collector.findings().filter { $0.severity == .violation }
            #expect(violations.isEmpty, "violations: \(violations)")

            // Each trace by id: all its spans, the resource's attributes, the root's attributes.
            let traceIDs = Set(records.flatMap(\.traceIds))
            #expect(traceIDs.count == Self.traces)
            var indexes: Set<Int64> = []
            for traceID in traceIDs {
                let answer = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces/\(traceID)")
                #expect(answer.status == 200)
                let data = try QueryBody.tracesData(answer.body)
                let resource = try #require(data.resourceSpans.first).resource
                #expect(Self.string(resource.attributes, "service.name") == service)
                #expect(Self.string(resource.attributes, "peer.language") == "python")
                #expect(Self.string(resource.attributes, "telemetry.sdk.language") == "python")
                let spans = data.resourceSpans.flatMap { $0.scopeSpans.flatMap(\.spans) }
                #expect(spans.count == Self.spansPerTrace)
                let root = try #require(spans.first { $0.parentSpanID.isEmpty })
                #expect(root.name == "GET /api/items")
                #expect(root.kind == .server)
                #expect(Self.string(root.attributes, "http.request.method") == "GET")
                let index = try #require(root.attributes.first { $0.key == "item.index" }).value
                #expect(index.value == .intValue(index.intValue))
                indexes.insert(index.intValue)
                let children = spans.filter { !$0.parentSpanID.isEmpty }
                #expect(Set(children.map(\.name)) == Set((0..<(Self.spansPerTrace - 1)).map { "step-\($0)" }))
                #expect(children.allSatisfy { $0.parentSpanID == root.spanID && $0.kind == .internal })
            }
            #expect(indexes == Set((0..<Self.traces).map(Int64.init)))

            // And all of them through the search endpoint.
            let window = "query.startTimeMin=\(RFC3339.format(nanos: Self.nanos(started) - 60_000_000_000))"
                + "&query.startTimeMax=\(RFC3339.format(nanos: Self.nanos(Date()) + 60_000_000_000))"
            let search = try await HTTPTestClient.get(
                "http://\(addresses.query)/api/v3/traces?query.serviceName=\(service)&query.searchDepth=100&\(window)")
            #expect(search.status == 200)
            #expect(try QueryBody.spans(search.body).count == expected)
        }
    }

    static func string(_ attributes: [Opentelemetry_Proto_Common_V1_KeyValue], _ key: String) -> String? {
        attributes.first { $0.key == key }.map(\.value.stringValue)
    }

    static func nanos(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970 * 1e9) }
}
