import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import ConformanceKit
@testable import FakeCollector

/// The stall probe at run time, against an in-process fake collector and a plain HTTP client standing in for an
/// exporter: the second export stalls; a client that gives up is measured, one that does not is released.
@Suite("Stall probe", .timeLimit(.minutes(1)))
struct StallProbeTests {
    static func configuration() -> FakeCollectorConfiguration {
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        configuration.faultPlan = StallProbe.plan(for: "http/protobuf")
        return configuration
    }

    /// An empty protobuf body is a valid (empty) ExportTraceServiceRequest.
    static func export(_ client: HTTPClient, _ address: String, timeout: TimeAmount) async throws -> UInt {
        var request = HTTPClientRequest(url: "http://\(address)/v1/traces")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-protobuf")
        request.body = .bytes(ByteBuffer())
        return try await client.execute(request, timeout: timeout).status.code
    }

    @Test("the plan lets the first export through and stalls the second only")
    func plan() {
        #expect(StallProbe.plan(for: "grpc") == FaultPlan(grpc: [FaultRule(action: .stall, count: 1, after: 1)]))
        #expect(StallProbe.plan(for: "http/json") == FaultPlan(http: [FaultRule(action: .stall, count: 1, after: 1)]))
    }

    @Test("an exporter that never gives up is released once the bound has passed; the run goes on")
    func releasesPastTheBound() async throws {
        try await FakeCollector.withRunning(configuration: Self.configuration()) { collector, addresses in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            #expect(try await Self.export(client, addresses.http, timeout: .seconds(10)) == 200)
            let probe = StallProbe(collector: collector, releaseAfter: .milliseconds(300))
            async let watched = probe.watch()
            do {
                _ = try await Self.export(client, addresses.http, timeout: .seconds(50))
                Issue.record("the stalled export was answered")
            } catch {
                // Released: the collector dropped the connection.
            }
            let result = try #require(await watched)
            #expect(result.releaseCalled)
            let observation = StallProbe.observation(
                result, records: collector.exportRequests(), releaseAfterMs: 300, commandExit: nil)
            #expect(observation.requestId == 2)
            #expect(observation.released)
            #expect(observation.end == "server-fault")
            #expect((observation.openMs ?? 0) >= 300)
            #expect((observation.openMs ?? .infinity) < 10_000)
            #expect(try await Self.export(client, addresses.http, timeout: .seconds(10)) == 200)
            try await client.shutdown()
        }
    }

    @Test("an exporter that gives up is measured at the collector and not released")
    func measuresTheGiveUp() async throws {
        try await FakeCollector.withRunning(configuration: Self.configuration()) { collector, addresses in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            #expect(try await Self.export(client, addresses.http, timeout: .seconds(10)) == 200)
            let probe = StallProbe(collector: collector, releaseAfter: .seconds(30))
            async let watched = probe.watch()
            do {
                _ = try await Self.export(client, addresses.http, timeout: .milliseconds(400))
                Issue.record("the stalled export was answered")
            } catch {
                // The client's own timeout.
            }
            let result = try #require(await watched)
            #expect(!result.releaseCalled)
            let observation = StallProbe.observation(
                result, records: collector.exportRequests(), releaseAfterMs: 30_000, commandExit: nil)
            #expect(!observation.released)
            #expect(observation.end == "connection-closed")
            #expect((observation.openMs ?? 0) >= 300)
            #expect((observation.openMs ?? .infinity) < 10_000)
            try await client.shutdown()
        }
    }

    @Test("cancelled before anything stalled (the command exited after one export), the probe reports nothing")
    func nothingStalled() async throws {
        try await FakeCollector.withRunning(configuration: Self.configuration()) { collector, _ in
            let probe = StallProbe(collector: collector, releaseAfter: .seconds(30))
            let task = Task { await probe.watch() }
            task.cancel()
            #expect(await task.value == nil)
        }
    }

    @Test("an end at the command's exit is noted only when nothing else shows the exporter gave up")
    func endedWithCommand() {
        let arrival = Date()
        func record(_ id: Int, arrival: Date, end: RequestEnd, endTime: Date?) -> ExportRequestRecord {
            ExportRequestRecord(
                id: id, receiver: .http, exportProtocol: .httpProtobuf, signal: .traces, path: "/v1/traces",
                headers: [:], compression: "none", spanCount: 1, grpcTimeoutMs: nil, arrivalTime: arrival,
                endTime: endTime, durationMs: endTime.map { $0.timeIntervalSince(arrival) * 1000 }, end: end,
                status: nil, fault: "stall", traceIds: [], serviceNames: [], findings: [])
        }
        let end = arrival.addingTimeInterval(0.5)
        let watched = StallProbe.Watched(requestId: 2, releaseCalled: false)
        let alone = [record(2, arrival: arrival, end: .connectionClosed, endTime: end)]
        #expect(
            StallProbe.observation(watched, records: alone, releaseAfterMs: 2_750, commandExit: end.addingTimeInterval(0.02))
                .endedWithCommand)
        let exportedAgain = alone + [record(3, arrival: end.addingTimeInterval(0.01), end: .answered, endTime: nil)]
        #expect(
            !StallProbe.observation(
                watched, records: exportedAgain, releaseAfterMs: 2_750, commandExit: end.addingTimeInterval(0.02)
            ).endedWithCommand)
        let reset = [record(2, arrival: arrival, end: .clientReset, endTime: end)]
        #expect(
            !StallProbe.observation(watched, records: reset, releaseAfterMs: 2_750, commandExit: end).endedWithCommand)
    }
}
