import AsyncHTTPClient
import CelloOTLP
import Foundation
import NIOCore
import NIOHTTP1
import SwiftProtobuf
import Testing

@testable import FakeCollector

/// Fault plans on the OTLP/HTTP receiver, observed from the client side.
@Suite("OTLPHTTPReceiver faults", .timeLimit(.minutes(1)))
struct OTLPHTTPReceiverFaultTests {
    static func configuration(_ rule: FaultRule) -> FakeCollectorConfiguration {
        var configuration = Fixtures.configuration()
        configuration.faultPlan = FaultPlan(http: [rule])
        return configuration
    }

    static func post(_ addresses: FakeCollectorAddresses, spans: Int = 3) async throws -> HTTPTestClient.Answer {
        try await HTTPTestClient.post("http://\(addresses.http)/v1/traces",
                                      body: try Fixtures.traceRequest(spanCount: spans).serializedBytes(),
                                      contentType: "application/x-protobuf")
    }

    @Test("a status fault answers the HTTP status with Retry-After and a Status body, then recovers")
    func status() async throws {
        let rule = FaultRule(action: .status, count: 1, httpStatus: 503, retryAfterSeconds: 2)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            let answer = try await Self.post(addresses)
            #expect(answer.status == 503)
            #expect(answer.headers["retry-after"] == "2")
            #expect(answer.headers["content-type"] == "application/x-protobuf")
            #expect(collector.storeStats().spansStored == 0)
            let recovered = try await Self.post(addresses)
            #expect(recovered.status == 200)
            #expect(collector.storeStats().spansStored == 3)
        }
    }

    @Test("a delay fault holds the answer for at least delayMs")
    func delay() async throws {
        let rule = FaultRule(action: .delay, delayMs: 250)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { _, addresses in
            let clock = ContinuousClock()
            let started = clock.now
            let answer = try await Self.post(addresses)
            #expect(answer.status == 200)
            #expect(clock.now - started >= .milliseconds(250))
        }
    }

    @Test("a partial fault answers partial_success and stores the rest")
    func partial() async throws {
        let rule = FaultRule(action: .partial, rejectSpans: 1)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            let answer = try await Self.post(addresses, spans: 4)
            let response = try Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse(serializedBytes: answer.body)
            #expect(response.partialSuccess.rejectedSpans == 1)
            #expect(collector.storeStats().spansStored == 3)
        }
    }

    @Test("a close fault drops the connection; a stall is recorded as ended once the client gives up",
          arguments: [FaultAction.close, .stall])
    func noAnswer(_ action: FaultAction) async throws {
        let rule = FaultRule(action: action, count: 1)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            var request = HTTPClientRequest(url: "http://\(addresses.http)/v1/traces")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: try Fixtures.traceRequest().serializedBytes() as [UInt8]))
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            await #expect(throws: (any Error).self) {
                _ = try await client.execute(request, timeout: .milliseconds(1500))  // the request surely arrives first
            }
            try await client.shutdown()
            await collector.waitForRequests { records in records.first.map { $0.end != .pending } ?? false }
            let record = try #require(collector.exportRequests().first)
            #expect(record.fault == action.rawValue)
            #expect(record.end == (action == .close ? .serverFault : .connectionClosed))
            let answer = try await Self.post(addresses)
            #expect(answer.status == 200)
        }
    }
}
