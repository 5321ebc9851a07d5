import CelloOTLP
import Foundation
import GRPCCore
import NIOCore
import NIOHTTP2
import SwiftProtobuf
import Testing

@testable import FakeCollector

@Suite("GRPCFaultAnswer", .timeLimit(.minutes(1)))
struct GRPCFaultAnswerTests {
    static func configuration(_ rule: FaultRule) -> FakeCollectorConfiguration {
        var configuration = Fixtures.configuration()
        configuration.faultPlan = FaultPlan(grpc: [rule])
        return configuration
    }

    @Test("a status fault answers the gRPC status with RetryInfo, only for the next N requests")
    func statusWithRetryInfo() async throws {
        let rule = FaultRule(action: .status, count: 1, grpcStatus: 14, retryDelayMs: 1500, message: "try later ü")
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            let answer = try await client.send(headers: RawGRPCClient.headers(),
                                               body: RawGRPCClient.frame(try Fixtures.traceRequest().serializedBytes()))
            await client.close()
            #expect(answer.grpcStatus == "14")
            #expect(answer.header("grpc-message") == "try later %C3%BC")
            let details = try #require(answer.header("grpc-status-details-bin"))
            let padded = details + String(repeating: "=", count: (4 - details.count % 4) % 4)
            let status = try #require(Data(base64Encoded: padded))
            // google.rpc.Status{code=14, ..., details=[Any{type_url=".../google.rpc.RetryInfo", value=...}]}
            #expect(status.starts(with: [0x08, 14]))
            #expect(String(decoding: status, as: UTF8.self).contains("type.googleapis.com/google.rpc.RetryInfo"))
            #expect(collector.storeStats().spansStored == 0)

            let next = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest())
            #expect((try? next.get()) != nil)
            #expect(collector.storeStats().spansStored == 3)
        }
    }

    @Test("a grpc-swift-2 client sees UNAVAILABLE for a status fault")
    func statusSeenByClient() async throws {
        let rule = FaultRule(action: .status, grpcStatus: 14)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { _, addresses in
            let result = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest())
            guard case .failure(let error) = result else {
                Issue.record("expected an RPC error")
                return
            }
            #expect(error.code == .unavailable)
        }
    }

    @Test("a delay fault holds the answer for at least delayMs")
    func delay() async throws {
        let rule = FaultRule(action: .delay, count: 1, delayMs: 300)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest())
            let elapsed = clock.now - started
            #expect((try? result.get()) != nil)
            #expect(elapsed >= .milliseconds(300))
            #expect(elapsed < .seconds(10))  // generous slack for a loaded CI machine
            #expect(collector.exportRequests().first?.fault == "delay")
        }
    }

    @Test("a stall never answers; the harness records when the client gave up")
    func stall() async throws {
        let rule = FaultRule(action: .stall, count: 1)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            var options = CallOptions.defaults
            options.timeout = .seconds(1)  // long enough that the request surely reaches the collector first
            let result = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest(), options: options)
            guard case .failure(let error) = result else {
                Issue.record("expected the deadline to pass")
                return
            }
            #expect(error.code == .deadlineExceeded)
            await collector.waitForRequests { records in records.first.map { $0.end != .pending } ?? false }
            let record = try #require(collector.exportRequests().first)
            #expect(record.fault == "stall")
            #expect(record.end == .clientReset || record.end == .connectionClosed)
            // grpc-swift starts its deadline before connecting, so the stall ends somewhat before the grpc-timeout it
            // sent runs out; it must not outlast it by much (5 s slack for a loaded 2-core CI machine).
            let timeout = try #require(record.grpcTimeoutMs)
            #expect(timeout <= 1000)
            #expect((record.durationMs ?? 0) > 0)
            #expect((record.durationMs ?? .infinity) <= timeout + 5000)
            #expect(collector.storeStats().spansStored == 0)
        }
    }

    @Test("a partial fault answers partial_success rejecting K spans and stores the rest")
    func partial() async throws {
        let rule = FaultRule(action: .partial, count: 1, rejectSpans: 2, message: "two rejected")
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            let response = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest(spanCount: 5)).get()
            #expect(response.partialSuccess.rejectedSpans == 2)
            #expect(response.partialSuccess.errorMessage == "two rejected")
            #expect(collector.storeStats().spansStored == 3)
        }
    }

    @Test("an rst_stream fault resets the stream with the error code")
    func rstStream() async throws {
        let rule = FaultRule(action: .rstStream, errorCode: 8)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { _, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            let answer = try await client.send(headers: RawGRPCClient.headers(),
                                               body: RawGRPCClient.frame(try Fixtures.traceRequest().serializedBytes()))
            await client.close()
            #expect(answer.resetCode == .cancel)
            #expect(answer.grpcStatus == nil)
        }
    }

    @Test("a goaway fault sends GOAWAY with the error code")
    func goAway() async throws {
        let rule = FaultRule(action: .goaway, errorCode: 2)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            _ = try await client.send(headers: RawGRPCClient.headers(),
                                      body: RawGRPCClient.frame(try Fixtures.traceRequest().serializedBytes()))
            let code = await client.goAway()
            await client.close()
            #expect(code == .internalError)
            #expect(collector.exportRequests().first?.end == .serverFault)
        }
    }

    @Test("a close fault drops the connection without an answer")
    func close() async throws {
        let rule = FaultRule(action: .close, count: 1)
        try await FakeCollector.withRunning(configuration: Self.configuration(rule)) { collector, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            let answer = try await client.send(headers: RawGRPCClient.headers(),
                                               body: RawGRPCClient.frame(try Fixtures.traceRequest().serializedBytes()))
            try await client.channel.closeFuture.get()
            #expect(answer.grpcStatus == nil)
            #expect(collector.exportRequests().first?.end == .serverFault)
            let next = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest())
            #expect((try? next.get()) != nil)
        }
    }
}
