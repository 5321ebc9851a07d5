import CelloOTLP
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

@testable import FakeCollector

@Suite("GRPCReceiver", .timeLimit(.minutes(1)))
struct GRPCReceiverTests {
    @Test("a plain grpc-swift-2 client's export is stored exactly once and queryable via api_v3",
          arguments: [false, true])
    func storesExport(gzip: Bool) async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let start = UInt64(Date().timeIntervalSince1970 * 1e9)
            let request = Fixtures.traceRequest(service: "grpc-svc", spanCount: 5, startNanos: start)
            var options = CallOptions.defaults
            options.timeout = .seconds(5)
            if gzip { options.compression = .gzip }
            let result = try await GRPCTestClient.export(addresses.grpc, request, compression: gzip, options: options)
            let response = try result.get()
            #expect(!response.hasPartialSuccess)
            #expect(collector.storeStats().spansStored == 5)

            let traceID = HexID.encode(request.resourceSpans[0].scopeSpans[0].spans[0].traceID)
            let byID = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces/\(traceID)")
            #expect(byID.status == 200)
            #expect(try QueryBody.spans(byID.body).count == 5)

            let min = RFC3339.format(nanos: Int64(start) - 60_000_000_000)
            let max = RFC3339.format(nanos: Int64(start) + 60_000_000_000)
            let search = try await HTTPTestClient.get(
                "http://\(addresses.query)/api/v3/traces?query.serviceName=grpc-svc&query.startTimeMin=\(min)&query.startTimeMax=\(max)")
            #expect(search.status == 200)
            #expect(try QueryBody.spans(search.body).count == 5)

            let record = try #require(collector.exportRequests().first)
            #expect(record.exportProtocol == .grpc)
            #expect(record.compression == (gzip ? "gzip" : "none"))
            #expect(record.grpcTimeoutMs.map { $0 > 0 && $0 <= 5000 } == true)
            #expect(record.status == "0")
            #expect(record.traceIds == [traceID])
            #expect(collector.findings().filter { $0.severity == .violation }.isEmpty)
        }
    }

    struct Malformed: Sendable, CustomStringConvertible {
        var description: String
        var headers: [(String, String)]
        var body: [UInt8]
        var grpcStatus: String?
        var httpStatus: String = "200"
        var rule: String
    }

    static var malformed: [Malformed] {
        let good = (try? Fixtures.traceRequest().serializedBytes()) ?? []
        return [
            Malformed(description: "length prefix longer than the body", headers: RawGRPCClient.headers(),
                      body: RawGRPCClient.frame(good, claimedLength: good.count + 10), grpcStatus: "3",
                      rule: "grpc.framing"),
            Malformed(description: "protobuf garbage", headers: RawGRPCClient.headers(),
                      body: RawGRPCClient.frame([0xFF, 0xFF, 0xFF]), grpcStatus: "3", rule: "otlp.decode"),
            Malformed(description: "message over the limit", headers: RawGRPCClient.headers(),
                      body: RawGRPCClient.frame([UInt8](repeating: 0, count: 70_000)), grpcStatus: "8",
                      rule: "grpc.message-size"),
            Malformed(description: "gzip that does not decompress",
                      headers: RawGRPCClient.headers(extra: [("grpc-encoding", "gzip")]),
                      body: RawGRPCClient.frame([0x1F, 0x8B, 1, 2, 3], flag: 1), grpcStatus: "13",
                      rule: "compression.invalid"),
            Malformed(description: "gzip inflating past the limit",
                      headers: RawGRPCClient.headers(extra: [("grpc-encoding", "gzip")]),
                      body: RawGRPCClient.frame((try? Gzip.compress([UInt8](repeating: 0, count: 1 << 20))) ?? [], flag: 1),
                      grpcStatus: "8", rule: "grpc.message-size"),
            Malformed(description: "compressed flag without grpc-encoding", headers: RawGRPCClient.headers(),
                      body: RawGRPCClient.frame(good, flag: 1), grpcStatus: "13", rule: "grpc.compressed-flag"),
            Malformed(description: "missing te: trailers", headers: RawGRPCClient.headers(dropping: ["te"]),
                      body: RawGRPCClient.frame(good), grpcStatus: "0", rule: "grpc.te-trailers"),
            Malformed(description: "bad grpc-timeout", headers: RawGRPCClient.headers(extra: [("grpc-timeout", "123456789S")]),
                      body: RawGRPCClient.frame(good), grpcStatus: "0", rule: "grpc.timeout-syntax"),
            Malformed(description: "unknown method", headers: RawGRPCClient.headers(path: "/foo.Bar/Baz"),
                      body: RawGRPCClient.frame(good), grpcStatus: "12", rule: "grpc.path"),
            Malformed(description: "wrong content-type",
                      headers: RawGRPCClient.headers(dropping: ["content-type"], extra: [("content-type", "text/plain")]),
                      body: RawGRPCClient.frame(good), grpcStatus: nil, httpStatus: "415", rule: "grpc.content-type"),
        ]
    }

    @Test("answers malformed requests with the spec's status, records the finding, then serves a good request",
          arguments: malformed)
    func malformedInput(_ input: Malformed) async throws {
        var configuration = Fixtures.configuration()
        configuration.maxGRPCMessageBytes = 64 * 1024
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            let answer = try await client.send(headers: input.headers, body: input.body)
            await client.close()
            #expect(answer.header(":status") == input.httpStatus)
            #expect(answer.grpcStatus == input.grpcStatus)
            #expect(collector.findings().contains { $0.ruleId == input.rule })
            let next = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest(spanCount: 2))
            #expect((try? next.get()) != nil)
            #expect(collector.storeStats().spansStored >= 2)
        }
    }

    @Test("accepts and counts metrics and logs exports")
    func metricsAndLogs() async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            let metrics = try await client.send(
                headers: RawGRPCClient.headers(path: "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export"),
                body: RawGRPCClient.frame(try Fixtures.metricsRequest(points: 4).serializedBytes()))
            let logs = try await client.send(
                headers: RawGRPCClient.headers(path: "/opentelemetry.proto.collector.logs.v1.LogsService/Export"),
                body: RawGRPCClient.frame(try Fixtures.logsRequest(records: 2).serializedBytes()))
            await client.close()
            #expect(metrics.grpcStatus == "0")
            #expect(logs.grpcStatus == "0")
            #expect(metrics.header("content-type") == "application/grpc")
            // The answer is a length-prefixed, empty ExportMetricsServiceResponse.
            #expect(metrics.body == [0, 0, 0, 0, 0])
            #expect(collector.exportRequests().map(\.spanCount) == [4, 2])
        }
    }

    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    @Test("a preface that is not HTTP/2 and a truncated frame become h2.protocol findings; the next client is served",
          arguments: [
              Array("POST /v1/traces HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
              preface + [0, 0, 0, 4, 0, 0, 0, 0, 0] + [0, 0, 50, 1, 4, 0, 0, 0, 1, 0x82],
          ])
    func connectionErrors(_ bytes: [UInt8]) async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            _ = try await RawTCPClient.exchange(addresses.grpc, bytes)
            let next = try await GRPCTestClient.export(addresses.grpc, Fixtures.traceRequest(spanCount: 2))
            #expect((try? next.get()) != nil)
            #expect(collector.findings().contains { $0.ruleId == "h2.protocol" && $0.requestId == nil })
        }
    }
}
