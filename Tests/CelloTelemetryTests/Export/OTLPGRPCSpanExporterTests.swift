import CelloOTLP
@testable import CelloTelemetry
import Foundation
import GRPCCore
import Logging
import Testing

@Suite("OTLPGRPCSpanExporter")
struct OTLPGRPCSpanExporterTests {
    let logger = Logger(label: "test.grpc-exporter")
    /// Short backoff so that retry tests stay fast; the deadline still bounds everything.
    let fastRetries = RetryPolicy(initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50))

    private func exporter(_ endpoint: String, timeout: Duration = .seconds(5), gzip: Bool = false,
                          headers: [String: String] = [:]) throws -> OTLPGRPCSpanExporter {
        try OTLPGRPCSpanExporter(
            configuration: OTLPExporterConfiguration(
                endpoint: endpoint, headers: headers, gzip: gzip, timeout: timeout, retryPolicy: fastRetries),
            logger: logger)
    }

    @Test("every span arrives once with its ids, attributes and resource")
    func deliversSpans() async throws {
        let service = TestTraceService()
        let batch = SpanFixtures.batch(count: 20)
        try await withTestTraceServer(service) { endpoint in
            let exporter = try exporter(endpoint)
            try await exporter.export(batch)
            await exporter.shutdown()
        }
        let received = service.received
        try #require(received.count == 1)
        let resourceSpans = received[0].request.resourceSpans
        #expect(resourceSpans.count == 1)
        let resource = Dictionary(uniqueKeysWithValues: resourceSpans[0].resource.attributes.map { ($0.key, $0.value.stringValue) })
        #expect(resource["service.name"] == "exporter-tests")
        #expect(resource["deployment.environment"] == "test")
        let spans = resourceSpans[0].scopeSpans.flatMap(\.spans)
        #expect(spans.count == batch.count)
        let byID = Dictionary(grouping: spans, by: \.spanID)
        for span in batch {
            let arrived = byID[Data(span.context.spanID.bytes)] ?? []
            #expect(arrived.count == 1)
            #expect(arrived.first?.traceID == Data(span.context.traceID.bytes))
            #expect(arrived.first?.name == span.name)
            #expect(arrived.first?.attributes.first { $0.key == "http.response.status_code" }?.value.intValue == 200)
        }
    }

    @Test("sends custom headers as metadata and the time left as grpc-timeout")
    func headersAndTimeout() async throws {
        let service = TestTraceService()
        try await withTestTraceServer(service) { endpoint in
            let exporter = try exporter(endpoint, timeout: .milliseconds(3000), headers: ["Authorization": "Bearer t0ken", "x-tenant": "a"])
            try await exporter.export(SpanFixtures.batch(count: 1))
        }
        let metadata = try #require(service.received.first).metadata
        #expect(Array(metadata[stringValues: "authorization"]) == ["Bearer t0ken"])
        #expect(Array(metadata[stringValues: "x-tenant"]) == ["a"])
        let header = try #require(metadata[stringValues: "grpc-timeout"].first(where: { _ in true }))
        let timeout = try #require(GRPCTimeoutHeader.duration(header))
        // The first attempt starts just after the export: between the timeout minus 1 s of slack and the timeout.
        #expect(timeout <= .milliseconds(3000) && timeout > .milliseconds(2000))
    }

    @Test(
        "sends a user-agent that starts with the SDK name and version, a configured one appended",
        arguments: [
            ([:], "cello-telemetry-swift/\(CelloTelemetryVersion.string)"),
            (["User-Agent": "my-app/2.0"], "cello-telemetry-swift/\(CelloTelemetryVersion.string) my-app/2.0"),
        ] as [([String: String], String)])
    func userAgent(_ headers: [String: String], _ expected: String) async throws {
        let service = TestTraceService()
        try await withTestTraceServer(service) { endpoint in
            let exporter = try exporter(endpoint, headers: headers)
            try await exporter.export(SpanFixtures.batch(count: 1))
        }
        let metadata = try #require(service.received.first).metadata
        let values = Array(metadata[stringValues: "user-agent"])
        #expect(values.count == 1)
        #expect(values.first == expected)
    }

    @Test("a server that never answers ends the export at the timeout, and the next export goes through")
    func stalledServer() async throws {
        let service = TestTraceService(script: [.stall])
        try await withTestTraceServer(service) { endpoint in
            let exporter = try exporter(endpoint, timeout: .milliseconds(500))
            let start = ContinuousClock.now
            do {
                try await exporter.export(SpanFixtures.batch(count: 3))
                Issue.record("the export should have failed")
            } catch let error as OTLPExportError {
                #expect(error.code == .deadlineExceeded)
            }
            let elapsed = ContinuousClock.now - start
            // Window: [timeout, timeout + 1 s slack for connection set-up and a loaded 2-core CI machine].
            #expect(elapsed >= .milliseconds(500) && elapsed < .milliseconds(1500), "took \(elapsed)")
            try await exporter.export(SpanFixtures.batch(count: 2))
        }
        #expect(service.received.count == 2)
        #expect(service.received.last?.request.resourceSpans.first?.scopeSpans.first?.spans.count == 2)
    }

    @Test("UNAVAILABLE twice then OK exports the batch with no loss")
    func retriesUnavailable() async throws {
        let service = TestTraceService(script: [.fail(.unavailable), .fail(.unavailable), .accept])
        let batch = SpanFixtures.batch(count: 10)
        try await withTestTraceServer(service) { endpoint in
            try await exporter(endpoint).export(batch)
        }
        let received = service.received
        #expect(received.count == 3)
        let delivered = Set(received.last?.request.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans).map(\.spanID) ?? [])
        #expect(delivered == Set(batch.map { Data($0.context.spanID.bytes) }))
    }

    @Test("INVALID_ARGUMENT is not retried", arguments: [RPCError.Code.invalidArgument, .permissionDenied, .unimplemented, .resourceExhausted])
    func nonRetryable(code: RPCError.Code) async throws {
        let service = TestTraceService(script: [.fail(code), .accept])
        try await withTestTraceServer(service) { endpoint in
            do {
                try await exporter(endpoint).export(SpanFixtures.batch(count: 1))
                Issue.record("the export should have failed")
            } catch let error as OTLPExportError {
                #expect(error.code == .rejected)
                #expect(error.status == "\(code.rawValue)")
            }
        }
        #expect(service.received.count == 1)
    }

    @Test("RESOURCE_EXHAUSTED with RetryInfo is retried after the server's delay")
    func retryInfoHonoured() async throws {
        let service = TestTraceService(script: [.failWithRetryInfo(.resourceExhausted, delay: .milliseconds(300)), .accept])
        try await withTestTraceServer(service) { endpoint in
            try await exporter(endpoint).export(SpanFixtures.batch(count: 1))
        }
        let received = service.received
        try #require(received.count == 2)
        #expect(received[1].arrival - received[0].arrival >= .milliseconds(300))
    }

    @Test("gzip-compressed requests decode on the server")
    func gzip() async throws {
        let service = TestTraceService()
        try await withTestTraceServer(service, gzip: true) { endpoint in
            try await exporter(endpoint, gzip: true).export(SpanFixtures.batch(count: 4))
        }
        let received = try #require(service.received.first)
        #expect(received.metadata[stringValues: "grpc-encoding"].first(where: { _ in true }) == "gzip")
        #expect(received.request.resourceSpans.first?.scopeSpans.first?.spans.count == 4)
    }

    @Test("partial success is counted, not retried")
    func partialSuccess() async throws {
        let service = TestTraceService(script: [.partial(rejected: 2, message: "2 spans too old")])
        let rejected = try await withTestTraceServer(service) { endpoint in
            let exporter = try exporter(endpoint)
            try await exporter.export(SpanFixtures.batch(count: 5))
            return exporter.rejectedSpanCount
        }
        #expect(rejected == 2)
        #expect(service.received.count == 1)
    }

    @Test("run() owns one connection for many exports and returns after shutdown; later exports fail")
    func runLifecycle() async throws {
        let service = TestTraceService()
        try await withTestTraceServer(service) { endpoint in
            let exporter = try exporter(endpoint)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await exporter.run() }
                // run() takes the connection over as its first step; let its child task get there.
                while !exporter.isRunning { await Task.yield() }
                for _ in 0..<3 { try await exporter.export(SpanFixtures.batch(count: 2)) }
                await exporter.shutdown()
                try await group.waitForAll()  // run() returned
            }
            do {
                try await exporter.export(SpanFixtures.batch(count: 1))
                Issue.record("export after shutdown should fail")
            } catch let error as OTLPExportError {
                #expect(error.code == .shutdown)
            }
        }
        #expect(service.received.count == 3)
        #expect(Set(service.received.map(\.remotePeer)).count == 1)  // one connection for all three
    }

    @Test("https means TLS: a plaintext collector never sees a request and the export fails")
    func httpsUsesTLS() async throws {
        let service = TestTraceService()
        try await withTestTraceServer(service) { endpoint in
            let tlsEndpoint = endpoint.replacingOccurrences(of: "http://", with: "https://")
            await #expect(throws: OTLPExportError.self) {
                try await exporter(tlsEndpoint, timeout: .milliseconds(500)).export(SpanFixtures.batch(count: 1))
            }
        }
        #expect(service.received.isEmpty)
    }

    @Test("a collector that is down fails the export within the timeout, with retries counted as exhausted or deadline")
    func collectorDown() async throws {
        // Bind and close a port so that nothing listens on it.
        let endpoint = try await withTestTraceServer(TestTraceService()) { $0 }
        let exporter = try exporter(endpoint, timeout: .milliseconds(400))
        let start = ContinuousClock.now
        await #expect(throws: OTLPExportError.self) { try await exporter.export(SpanFixtures.batch(count: 1)) }
        #expect(ContinuousClock.now - start < .milliseconds(1400))  // timeout + 1 s slack
    }
}

/// Parses a `grpc-timeout` header value (1-8 digits and a unit: H, M, S, m, u, n).
///
/// Spec: https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md ("Timeout").
enum GRPCTimeoutHeader {
    static func duration(_ value: String) -> Duration? {
        guard let unit = value.last, let amount = Int64(value.dropLast()), (1...8).contains(value.count - 1) else {
            return nil
        }
        switch unit {
        case "H": return .seconds(amount * 3600)
        case "M": return .seconds(amount * 60)
        case "S": return .seconds(amount)
        case "m": return .milliseconds(amount)
        case "u": return .microseconds(amount)
        case "n": return .nanoseconds(amount)
        default: return nil
        }
    }
}
