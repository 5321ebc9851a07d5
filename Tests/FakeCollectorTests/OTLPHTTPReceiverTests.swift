import CelloOTLP
import Foundation
import SwiftProtobuf
import Testing

@testable import FakeCollector

@Suite("OTLPHTTPReceiver", .timeLimit(.minutes(1)))
struct OTLPHTTPReceiverTests {
    @Test("stores protobuf and JSON exports, gzip or not, exactly once and answers in the request's content type",
          arguments: [("application/x-protobuf", false), ("application/x-protobuf", true),
                      ("application/json", false), ("application/json", true)])
    func storesExports(contentType: String, gzip: Bool) async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let request = Fixtures.traceRequest(service: "http-svc", spanCount: 4)
            var body: [UInt8] = contentType == "application/json"
                ? try OTLPJSON.encode(request) : try request.serializedBytes()
            var extra: [(String, String)] = []
            if gzip {
                body = try Gzip.compress(body)
                extra.append(("Content-Encoding", "gzip"))
            }
            let answer = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces", body: body,
                                                       contentType: contentType, extra: extra)
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == contentType)
            if contentType == "application/json" {
                #expect(answer.json != nil)
            } else {
                let response = try Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse(serializedBytes: answer.body)
                #expect(!response.hasPartialSuccess)
            }
            let traceID = HexID.encode(request.resourceSpans[0].scopeSpans[0].spans[0].traceID)
            let query = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces/\(traceID)")
            #expect(query.status == 200)
            let spans = try QueryBody.spans(query.body)
            #expect(spans.count == 4)
            #expect(Set(spans.map(\.spanID)).count == 4)
            let records = collector.exportRequests()
            #expect(records.count == 1)
            #expect(records.first?.compression == (gzip ? "gzip" : "none"))
            #expect(records.first?.exportProtocol == (contentType == "application/json" ? .httpJSON : .httpProtobuf))
            #expect(collector.findings().filter { $0.severity == .violation }.isEmpty)
        }
    }

    @Test("counts metrics and logs exports and answers them")
    func countsMetricsAndLogs() async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let metrics = try await HTTPTestClient.post(
                "http://\(addresses.http)/v1/metrics", body: try Fixtures.metricsRequest(points: 3).serializedBytes(),
                contentType: "application/x-protobuf")
            let logs = try await HTTPTestClient.post(
                "http://\(addresses.http)/v1/logs", body: try OTLPJSON.encode(Fixtures.logsRequest(records: 2)),
                contentType: "application/json")
            #expect(metrics.status == 200)
            #expect(logs.status == 200)
            let records = collector.exportRequests()
            #expect(records.map(\.signal) == [.metrics, .logs])
            #expect(records.map(\.spanCount) == [3, 2])
            let stats = try await HTTPTestClient.get("http://\(addresses.query)/harness/stats")
            let counts = stats.json?["requests"] as? [String: Int]
            #expect(counts == ["traces": 0, "metrics": 1, "logs": 1])
        }
    }

    struct Malformed: Sendable, CustomStringConvertible {
        var description: String
        var method = "POST"
        var contentType = "application/x-protobuf"
        var encoding: String? = nil
        var body: @Sendable () throws -> [UInt8]
        var status: Int
        var rule: String?
    }

    static let malformed: [Malformed] = [
        Malformed(description: "wrong content type", contentType: "text/plain", body: { [1, 2] }, status: 415,
                  rule: "http.content-type"),
        Malformed(description: "GET instead of POST", method: "GET", body: { [] }, status: 405, rule: "http.method"),
        Malformed(description: "protobuf garbage", body: { [0xFF, 0xFF, 0xFF, 0xFF, 0x0F] }, status: 400,
                  rule: "otlp.decode"),
        Malformed(description: "JSON with base64 ids", contentType: "application/json",
                  body: { Array(Self.base64IDJSON.utf8) }, status: 400, rule: "otlp.json.hex-ids"),
        Malformed(description: "truncated JSON", contentType: "application/json",
                  body: { Array(#"{"resourceSpans":[{"#.utf8) }, status: 400, rule: "otlp.decode"),
        Malformed(description: "gzip that does not decompress", encoding: "gzip", body: { [0x1F, 0x8B, 8, 0, 1, 2, 3] },
                  status: 400, rule: "compression.invalid"),
        Malformed(description: "unknown content encoding", encoding: "br", body: { [1] }, status: 415,
                  rule: "http.content-encoding"),
    ]

    static let base64IDJSON = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7uGbfsPBsXQ=","name":"x","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}"#

    @Test("answers malformed input as the OTLP spec says, records the finding, then serves a good request",
          arguments: malformed)
    func malformedInput(_ input: Malformed) async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            var headers = [("Content-Type", input.contentType)]
            if let encoding = input.encoding { headers.append(("Content-Encoding", encoding)) }
            let body = try input.body()
            let answer = try await HTTPTestClient.send(input.method, "http://\(addresses.http)/v1/traces",
                                                       body: input.method == "GET" ? nil : body, headers: headers)
            #expect(answer.status == input.status)
            if input.status == 400 {
                // google.rpc.Status, in the request's encoding: code 3 (INVALID_ARGUMENT) and a message.
                if input.contentType == "application/json" {
                    #expect(answer.json?["code"] as? Int == 3)
                    #expect((answer.json?["message"] as? String)?.isEmpty == false)
                } else {
                    #expect(answer.body.starts(with: [0x08, 0x03, 0x12]))
                }
            }
            if let rule = input.rule {
                #expect(collector.findings().contains { $0.ruleId == rule && $0.severity == .violation })
            }
            let good = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces",
                                                     body: try Fixtures.traceRequest().serializedBytes(),
                                                     contentType: "application/x-protobuf")
            #expect(good.status == 200)
            #expect(collector.storeStats().spansStored == 3)
        }
    }

    @Test("answers 413 for a body over the limit and for gzip that inflates past it")
    func bodyLimits() async throws {
        var configuration = Fixtures.configuration()
        configuration.maxHTTPBodyBytes = 64 * 1024
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let big = [UInt8](repeating: 0x0A, count: 100 * 1024)
            let tooLarge = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces", body: big,
                                                         contentType: "application/x-protobuf")
            #expect(tooLarge.status == 413)
            let bomb = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
            #expect(bomb.count < 64 * 1024)
            let inflated = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces", body: bomb,
                                                         contentType: "application/x-protobuf",
                                                         extra: [("Content-Encoding", "gzip")])
            #expect(inflated.status == 413)
            #expect(collector.findings().filter { $0.ruleId == "http.body-size" }.count == 2)
            let good = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces",
                                                     body: try Fixtures.traceRequest().serializedBytes(),
                                                     contentType: "application/x-protobuf")
            #expect(good.status == 200)
        }
    }

    @Test("stores a re-sent span once and warns about the duplicate; judges the batch size against the scenario's")
    func duplicatesAndBatchSize() async throws {
        var configuration = Fixtures.configuration()
        configuration.expectedBatchSize = 2
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let body = try Fixtures.traceRequest(spanCount: 3).serializedBytes() as [UInt8]
            for _ in 0..<2 {
                let answer = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces", body: body,
                                                           contentType: "application/x-protobuf")
                #expect(answer.status == 200)
            }
            #expect(collector.storeStats().spansStored == 3)
            let records = collector.exportRequests()
            #expect(records[0].findings.map(\.ruleId).contains("batch.size"))
            let duplicate = records[1].findings.first { $0.ruleId == "span.duplicate-across-requests" }
            #expect(duplicate?.severity == .warning)
        }
    }
}
