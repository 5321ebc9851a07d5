import AsyncHTTPClient
import CelloOTLP
import Foundation
import GRPCCore
import NIOCore
import NIOHTTP1
import SwiftProtobuf
import Testing

@testable import FakeCollector

/// `releaseStalls()`: a harness that stalls an export on purpose can let it go when the exporter does not give up,
/// and `waitForRequests` can be bounded (it returns when its task is cancelled).
@Suite("Stall release", .timeLimit(.minutes(1)))
struct StallReleaseTests {
    static func configuration(_ plan: FaultPlan) -> FakeCollectorConfiguration {
        var configuration = Fixtures.configuration()
        configuration.faultPlan = plan
        return configuration
    }

    static func stalled(_ collector: FakeCollector) async -> ExportRequestRecord? {
        await collector.waitForRequests { records in records.contains { $0.fault == "stall" } }
        return collector.exportRequests().first { $0.fault == "stall" }
    }

    @Test("an HTTP stall the client never gives up on is released: the connection drops, the record ends server-fault")
    func http() async throws {
        let plan = FaultPlan(http: [FaultRule(action: .stall, count: 1, after: 1)])
        try await FakeCollector.withRunning(configuration: Self.configuration(plan)) { collector, addresses in
            let body = try Fixtures.traceRequest().serializedBytes() as [UInt8]
            let first = try await HTTPTestClient.post(
                "http://\(addresses.http)/v1/traces", body: body, contentType: "application/x-protobuf")
            #expect(first.status == 200)
            var request = HTTPClientRequest(url: "http://\(addresses.http)/v1/traces")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-protobuf")
            request.body = .bytes(ByteBuffer(bytes: body))
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            async let answer = client.execute(request, timeout: .seconds(50))
            let stalled = try #require(await Self.stalled(collector))
            #expect(stalled.end == .pending)
            #expect(collector.releaseStalls() == 1)
            do {
                _ = try await answer
                Issue.record("the released request was answered")
            } catch {
                // The connection was dropped without an answer.
            }
            try await client.shutdown()
            await collector.waitForRequests { records in records.first { $0.id == stalled.id }?.end != .pending }
            let record = try #require(collector.exportRequests().first { $0.id == stalled.id })
            #expect(record.end == .serverFault)
            #expect(record.fault == "stall")
            #expect(collector.releaseStalls() == 0)
            let third = try await HTTPTestClient.post(
                "http://\(addresses.http)/v1/traces", body: body, contentType: "application/x-protobuf")
            #expect(third.status == 200)
        }
    }

    @Test("a gRPC stall is released with RST_STREAM CANCEL: the client sees CANCELLED, the record ends server-fault")
    func grpc() async throws {
        let plan = FaultPlan(grpc: [FaultRule(action: .stall, count: 1)])
        try await FakeCollector.withRunning(configuration: Self.configuration(plan)) { collector, addresses in
            var options = CallOptions.defaults
            options.timeout = .seconds(50)
            async let result = GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest(), options: options)
            let stalled = try #require(await Self.stalled(collector))
            #expect(collector.releaseStalls() == 1)
            guard case .failure(let error) = try await result else {
                Issue.record("expected the released call to fail")
                return
            }
            #expect(error.code == .cancelled || error.code == .unavailable, "\(error)")
            await collector.waitForRequests { records in records.first { $0.id == stalled.id }?.end != .pending }
            let record = try #require(collector.exportRequests().first { $0.id == stalled.id })
            #expect(record.end == .serverFault)
            #expect((record.durationMs ?? .infinity) < 50_000)
        }
    }

    @Test("waitForRequests returns when its task is cancelled")
    func cancelledWait() async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, _ in
            let waiter = Task { await collector.waitForRequests { _ in false } }
            waiter.cancel()
            await waiter.value  // returns: the test would hit its time limit otherwise
            #expect(collector.exportRequests().isEmpty)
        }
    }
}
