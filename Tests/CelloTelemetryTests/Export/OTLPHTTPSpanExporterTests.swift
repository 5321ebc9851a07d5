import CelloOTLP
@testable import CelloTelemetry
import Foundation
import Logging
import NIOHTTP1
import SwiftProtobuf
import Testing

@Suite("OTLPHTTPSpanExporter")
struct OTLPHTTPSpanExporterTests {
    typealias Request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
    let logger = Logger(label: "test.http-exporter")
    let fastRetries = RetryPolicy(initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50))

    private func withExporter<T: Sendable>(
        _ baseURL: String, encoding: OTLPHTTPEncoding = .protobuf, timeout: Duration = .seconds(5),
        gzip: Bool = false, headers: [String: String] = [:],
        _ body: (OTLPHTTPSpanExporter) async throws -> T
    ) async throws -> T {
        let exporter = try OTLPHTTPSpanExporter(
            configuration: OTLPExporterConfiguration(
                endpoint: baseURL + "/v1/traces", headers: headers, gzip: gzip, timeout: timeout,
                retryPolicy: fastRetries),
            encoding: encoding, logger: logger)
        do {
            let result = try await body(exporter)
            await exporter.shutdown()
            return result
        } catch {
            await exporter.shutdown()
            throw error
        }
    }

    private func decode(_ received: TestHTTPCollector.Received, as encoding: OTLPHTTPEncoding) throws -> Request {
        encoding == .json
            ? try OTLPJSON.decode(Request.self, from: received.body)
            : try Request(serializedBytes: received.body)
    }

    @Test("every span arrives once at POST /v1/traces with ids, attributes and resource", arguments: [OTLPHTTPEncoding.protobuf, .json])
    func deliversSpans(encoding: OTLPHTTPEncoding) async throws {
        let collector = TestHTTPCollector()
        let batch = SpanFixtures.batch(count: 25)
        try await collector.withRunning { url in
            try await withExporter(url, encoding: encoding) { try await $0.export(batch) }
        }
        let received = try #require(collector.received.first)
        #expect(collector.received.count == 1)
        #expect(received.method == .POST)
        #expect(received.uri == "/v1/traces")
        #expect(received.headers["content-type"].first == (encoding == .json ? "application/json" : "application/x-protobuf"))
        let request = try decode(received, as: encoding)
        let resource = try #require(request.resourceSpans.first).resource
        #expect(resource.attributes.first { $0.key == "service.name" }?.value.stringValue == "exporter-tests")
        let spans = request.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans)
        #expect(spans.count == batch.count)
        #expect(Set(spans.map(\.spanID)) == Set(batch.map { Data($0.context.spanID.bytes) }))
        #expect(Set(spans.map(\.traceID)) == Set(batch.map { Data($0.context.traceID.bytes) }))
        #expect(spans.allSatisfy { span in
            span.attributes.contains { $0.key == "tags" && $0.value.arrayValue.values.map(\.stringValue) == ["a", "b"] }
        })
    }

    @Test("sends custom headers and gzip bodies with Content-Encoding", arguments: [OTLPHTTPEncoding.protobuf, .json])
    func gzipAndHeaders(encoding: OTLPHTTPEncoding) async throws {
        let collector = TestHTTPCollector()
        try await collector.withRunning { url in
            try await withExporter(url, encoding: encoding, gzip: true, headers: ["Authorization": "Bearer t0ken"]) {
                try await $0.export(SpanFixtures.batch(count: 8))
            }
        }
        let received = try #require(collector.received.first)
        #expect(received.headers["content-encoding"].first == "gzip")
        #expect(received.headers["authorization"].first == "Bearer t0ken")
        // The collector's decompressor already restored the body: it must decode.
        #expect(try decode(received, as: encoding).resourceSpans.first?.scopeSpans.first?.spans.count == 8)
    }

    @Test("HTTP 400 is not retried", arguments: [400, 401, 404, 413, 500])
    func nonRetryable(status: Int) async throws {
        let collector = TestHTTPCollector(script: [.status(status, body: Array("bad".utf8)), .status(200)])
        try await collector.withRunning { url in
            try await withExporter(url) { exporter in
                do {
                    try await exporter.export(SpanFixtures.batch(count: 1))
                    Issue.record("the export should have failed")
                } catch let error as OTLPExportError {
                    #expect(error.code == .rejected)
                    #expect(error.status == "\(status)")
                }
            }
        }
        #expect(collector.received.count == 1)
    }

    @Test("503 with Retry-After is retried after the delay it names")
    func retryAfter() async throws {
        let collector = TestHTTPCollector(script: [.status(503, headers: [("Retry-After", "1")]), .status(200)])
        try await collector.withRunning { url in
            try await withExporter(url) { try await $0.export(SpanFixtures.batch(count: 3)) }
        }
        let received = collector.received
        try #require(received.count == 2)
        #expect(received[1].arrival - received[0].arrival >= .seconds(1))
        #expect(received[0].body == received[1].body)  // encoded once, sent twice
    }

    @Test("429, 502 and 504 are retried with backoff until accepted")
    func retryable() async throws {
        let collector = TestHTTPCollector(script: [.status(429), .status(502), .status(504), .status(200)])
        let batch = SpanFixtures.batch(count: 4)
        try await collector.withRunning { url in
            try await withExporter(url) { try await $0.export(batch) }
        }
        #expect(collector.received.count == 4)
        let last = try Request(serializedBytes: try #require(collector.received.last).body)
        #expect(last.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans).count == batch.count)
    }

    @Test("a server that never answers ends the export at the timeout")
    func stalledServer() async throws {
        let collector = TestHTTPCollector(script: [.stall])
        try await collector.withRunning { url in
            try await withExporter(url, timeout: .milliseconds(500)) { exporter in
                let start = ContinuousClock.now
                do {
                    try await exporter.export(SpanFixtures.batch(count: 1))
                    Issue.record("the export should have failed")
                } catch let error as OTLPExportError {
                    #expect(error.code == .deadlineExceeded)
                }
                let elapsed = ContinuousClock.now - start
                // Window: [timeout, timeout + 1 s slack for a loaded 2-core CI machine].
                #expect(elapsed >= .milliseconds(500) && elapsed < .milliseconds(1500), "took \(elapsed)")
                try await exporter.export(SpanFixtures.batch(count: 1))  // the next batch goes through
            }
        }
        #expect(collector.received.count == 2)
    }

    @Test("partial success in the response body is counted, not retried", arguments: [OTLPHTTPEncoding.protobuf, .json])
    func partialSuccess(encoding: OTLPHTTPEncoding) async throws {
        var response = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse()
        response.partialSuccess.rejectedSpans = 3
        response.partialSuccess.errorMessage = "too old"
        let body: [UInt8] = encoding == .json ? try OTLPJSON.encode(response) : try response.serializedBytes()
        let collector = TestHTTPCollector(script: [.status(200, body: body)])
        let rejected = try await collector.withRunning { url in
            try await withExporter(url, encoding: encoding) { exporter in
                try await exporter.export(SpanFixtures.batch(count: 5))
                return exporter.rejectedSpanCount
            }
        }
        #expect(rejected == 3)
        #expect(collector.received.count == 1)
    }

    @Test("https means TLS: a plaintext collector never sees a request and the export fails")
    func httpsUsesTLS() async throws {
        let collector = TestHTTPCollector()
        try await collector.withRunning { url in
            let tlsURL = url.replacingOccurrences(of: "http://", with: "https://")
            try await withExporter(tlsURL, timeout: .milliseconds(500)) { exporter in
                await #expect(throws: OTLPExportError.self) { try await exporter.export(SpanFixtures.batch(count: 1)) }
            }
        }
        #expect(collector.received.isEmpty)
    }

    @Test("exports after shutdown fail with the shutdown code")
    func afterShutdown() async throws {
        let exporter = try OTLPHTTPSpanExporter(
            configuration: OTLPExporterConfiguration(endpoint: "http://127.0.0.1:1/v1/traces"),
            encoding: .protobuf, logger: logger)
        await exporter.shutdown()
        await #expect(throws: OTLPExportError(code: .shutdown, message: "the exporter was shut down")) {
            try await exporter.export(SpanFixtures.batch(count: 1))
        }
    }
}
