import CelloOTLP
import Foundation
import GRPCCore
import NIOHTTP2
import SwiftProtobuf
import Testing

@testable import FakeCollector

/// Every bound docs/cello-telemetry.md section 6 names for the collector, crossed by one (the table is
/// docs/harness-api.md, "Limits"): at the bound the request is served, one past it gets the documented answer, and
/// the next good request is served. Limits are set small where the configuration allows; the gRPC message and the
/// HTTP body limits are also crossed at their defaults. The wire's own stream, connection and header-list tests are
/// in `Tests/HTTP2WireTests/HTTP2WireLimitsTests.swift`.
@Suite("Collector limits", .timeLimit(.minutes(2)))
struct LimitsTests {
    static let smallLimit = 64 * 1024

    static func statuses(_ collector: FakeCollector) -> [String?] { collector.exportRequests().map(\.status) }

    static func rules(_ record: ExportRequestRecord) -> [String] { record.findings.map(\.ruleId) }

    static func post(_ addresses: FakeCollectorAddresses, _ body: [UInt8], gzip: Bool = false) async throws
        -> HTTPTestClient.Answer
    {
        try await HTTPTestClient.post("http://\(addresses.http)/v1/traces", body: body,
                                      contentType: "application/x-protobuf",
                                      extra: gzip ? [("Content-Encoding", "gzip")] : [])
    }

    static func goodBody() throws -> [UInt8] { try Fixtures.traceRequest().serializedBytes() }

    // MARK: Message and body size

    @Test("a gRPC message of the limit is served; limit + 1 byte is answered RESOURCE_EXHAUSTED and the next call on the connection is served")
    func grpcMessageSize() async throws {
        var configuration = Fixtures.configuration()
        configuration.maxGRPCMessageBytes = Self.smallLimit
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            let atLimit = try await client.send(
                headers: RawGRPCClient.headers(),
                body: RawGRPCClient.frame(SizedRequests.traceBytes(encodedSize: Self.smallLimit)))
            let over = try await client.send(
                headers: RawGRPCClient.headers(),
                body: RawGRPCClient.frame(SizedRequests.traceBytes(encodedSize: Self.smallLimit + 1)))
            let next = try await client.send(headers: RawGRPCClient.headers(),
                                             body: RawGRPCClient.frame(Self.goodBody()))
            await client.close()
            #expect(atLimit.grpcStatus == "0")
            #expect(over.grpcStatus == "8")
            #expect(next.grpcStatus == "0")
            let records = collector.exportRequests()
            #expect(records.map(\.status) == ["0", "8", "0"])
            #expect(!Self.rules(records[0]).contains("grpc.message-size"))
            #expect(Self.rules(records[1]).contains("grpc.message-size"))
            #expect(collector.storeStats().spansStored == 1 + 3)
        }
    }

    @Test("at the default, a gRPC message of 4 MiB is served; 4 MiB + 1 byte is RESOURCE_EXHAUSTED and the next export is served")
    func grpcMessageSizeDefault() async throws {
        let limit = FakeCollectorConfiguration().maxGRPCMessageBytes
        #expect(limit == 4 << 20)
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            try await GRPCTestClient.withTraceClient(addresses.grpc) { client in
                _ = try await client.export(SizedRequests.trace(encodedSize: limit))
                let over = try SizedRequests.trace(encodedSize: limit + 1)
                let error = await #expect(throws: RPCError.self) { try await client.export(over) }
                #expect(error?.code == .resourceExhausted)
                _ = try await client.export(Fixtures.traceRequest())
            }
            #expect(Self.statuses(collector) == ["0", "8", "0"])
            #expect(collector.findings().filter { $0.ruleId == "grpc.message-size" }.map(\.requestId) == [2])
        }
    }

    @Test("an OTLP/HTTP body of the limit is served; limit + 1 byte is answered 413 and the next request is served")
    func httpBodySize() async throws {
        var configuration = Fixtures.configuration()
        configuration.maxHTTPBodyBytes = Self.smallLimit
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let atLimit = try await Self.post(addresses, SizedRequests.traceBytes(encodedSize: Self.smallLimit))
            let over = try await Self.post(addresses, SizedRequests.traceBytes(encodedSize: Self.smallLimit + 1))
            let next = try await Self.post(addresses, Self.goodBody())
            #expect([atLimit.status, over.status, next.status] == [200, 413, 200] as [Int])
            // google.rpc.Status with code 8 (RESOURCE_EXHAUSTED): field 1, varint 8.
            #expect(over.body.starts(with: [0x08, 0x08]))
            let records = collector.exportRequests()
            #expect(!Self.rules(records[0]).contains("http.body-size"))
            #expect(Self.rules(records[1]).contains("http.body-size"))
            #expect(collector.storeStats().spansStored == 1 + 3)
        }
    }

    @Test("at the default, an OTLP/HTTP body of 64 MiB is served; 64 MiB + 1 byte is answered 413 and the next request is served")
    func httpBodySizeDefault() async throws {
        let limit = FakeCollectorConfiguration().maxHTTPBodyBytes
        #expect(limit == 64 << 20)
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            // One body at a time: each is 64 MiB.
            let atLimit = try await Self.post(addresses, SizedRequests.traceBytes(encodedSize: limit)).status
            let over = try await Self.post(addresses, SizedRequests.traceBytes(encodedSize: limit + 1)).status
            let next = try await Self.post(addresses, Self.goodBody()).status
            #expect([atLimit, over, next] == [200, 413, 200] as [Int])
            #expect(collector.findings().filter { $0.ruleId == "http.body-size" }.map(\.requestId) == [2])
        }
    }

    enum Receiver: String, CaseIterable, Sendable, CustomStringConvertible {
        case grpc, http
        var description: String { rawValue }
    }

    @Test("a gzip body that inflates to the limit is served; a gzip bomb inflating to limit + 1 gets the receiver's size answer and the next request is served",
          arguments: Receiver.allCases)
    func decompressedSize(_ receiver: Receiver) async throws {
        var configuration = Fixtures.configuration()
        configuration.maxGRPCMessageBytes = Self.smallLimit
        configuration.maxHTTPBodyBytes = Self.smallLimit
        let atLimit = try Gzip.compress(SizedRequests.traceBytes(encodedSize: Self.smallLimit))
        let bomb = try Gzip.compress(SizedRequests.traceBytes(encodedSize: Self.smallLimit + 1))
        #expect(bomb.count * 64 < Self.smallLimit)  // inflates more than 64-fold
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            switch receiver {
            case .grpc:
                let client = try await RawGRPCClient.connect(addresses.grpc)
                let gzip = RawGRPCClient.headers(extra: [("grpc-encoding", "gzip")])
                var statuses: [String?] = []
                for frame in [RawGRPCClient.frame(atLimit, flag: 1), RawGRPCClient.frame(bomb, flag: 1),
                              RawGRPCClient.frame(try Self.goodBody())] {
                    statuses.append(try await client.send(headers: gzip, body: frame).grpcStatus)
                }
                await client.close()
                #expect(statuses == ["0", "8", "0"])
            case .http:
                let statuses = [
                    try await Self.post(addresses, atLimit, gzip: true).status,
                    try await Self.post(addresses, bomb, gzip: true).status,
                    try await Self.post(addresses, Self.goodBody()).status,
                ]
                #expect(statuses == [200, 413, 200] as [Int])
            }
            let records = collector.exportRequests()
            let sizeRule = receiver == .grpc ? "grpc.message-size" : "http.body-size"
            #expect(!Self.rules(records[0]).contains(sizeRule))
            #expect(Self.rules(records[1]).contains(sizeRule))
            #expect(!Self.rules(records[1]).contains("compression.invalid"))
            #expect(collector.storeStats().spansStored == 1 + 3)
        }
    }

    // MARK: The gRPC listener's HTTP/2 bounds

    @Test("with maxConnections 2, two gRPC connections are served; a third gets GOAWAY(REFUSED_STREAM) and the open ones keep serving")
    func connections() async throws {
        var configuration = Fixtures.configuration()
        configuration.maxConnections = 2
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let good = RawGRPCClient.frame(try Self.goodBody())
            let first = try await RawGRPCClient.connect(addresses.grpc)
            let second = try await RawGRPCClient.connect(addresses.grpc)
            #expect(try await first.send(headers: RawGRPCClient.headers(), body: good).grpcStatus == "0")
            #expect(try await second.send(headers: RawGRPCClient.headers(), body: good).grpcStatus == "0")
            let third = try await RawGRPCClient.connect(addresses.grpc)
            #expect(await third.goAway() == .refusedStream)
            await third.close()
            #expect(try await first.send(headers: RawGRPCClient.headers(), body: good).grpcStatus == "0")
            await first.close()
            await second.close()
            #expect(Self.statuses(collector) == ["0", "0", "0"])
        }
    }

    /// RFC 9113 section 6.5.2: a header list's size is the sum over its fields of name + value + 32.
    static func headerListSize(_ headers: [(String, String)]) -> Int {
        headers.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 32 }
    }

    /// gRPC request headers padded with `x-pad` to exactly `size` bytes.
    static func grpcHeaders(listSize size: Int) -> [(String, String)] {
        let base = RawGRPCClient.headers()
        let pad = size - headerListSize(base) - ("x-pad".utf8.count + 32)
        return base + [("x-pad", String(repeating: "p", count: pad))]
    }

    @Test("with maxHeaderListSize 1024, a gRPC header list of exactly 1024 bytes is served; 1025 is answered 431 and the next call is served")
    func headerListSize() async throws {
        let limit = 1024
        var configuration = Fixtures.configuration()
        configuration.maxHeaderListSize = limit
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let good = RawGRPCClient.frame(try Self.goodBody())
            #expect(Self.headerListSize(Self.grpcHeaders(listSize: limit)) == limit)
            let client = try await RawGRPCClient.connect(addresses.grpc)
            let atLimit = try await client.send(headers: Self.grpcHeaders(listSize: limit), body: good)
            let over = try await client.send(headers: Self.grpcHeaders(listSize: limit + 1), body: good)
            let next = try await client.send(headers: RawGRPCClient.headers(), body: good)
            await client.close()
            #expect(atLimit.grpcStatus == "0")
            #expect(over.header(":status") == "431")
            #expect(over.grpcStatus == nil)
            #expect(next.grpcStatus == "0")
            // The 431 is the wire's answer: the receiver never saw the request.
            #expect(Self.statuses(collector) == ["0", "0"])
        }
    }

    @Test("the gRPC listener advertises maxConcurrentStreams and maxHeaderListSize in its SETTINGS and serves calls")
    func advertisedStreamBound() async throws {
        var configuration = Fixtures.configuration()
        configuration.maxConcurrentStreams = 3
        configuration.maxHeaderListSize = 2048
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let client = try await RawGRPCClient.connect(addresses.grpc)
            var advertised: [HTTP2SettingsParameter: Int] = [:]
            for await frame in client.connectionFrames {
                guard case .settings(.settings(let settings)) = frame else { continue }
                for setting in settings { advertised[setting.parameter] = setting.value }
                break
            }
            #expect(advertised[.maxConcurrentStreams] == 3)
            #expect(advertised[.maxHeaderListSize] == 2048)
            // Four calls at once: the client keeps to the three streams it may open; all four are served.
            let good = RawGRPCClient.frame(try Self.goodBody())
            let statuses = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await client.send(headers: RawGRPCClient.headers(), body: good).grpcStatus }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            await client.close()
            #expect(statuses == ["0", "0", "0", "0"])
            #expect(collector.exportRequests().count == 4)
        }
    }

    // MARK: Attributes

    @Test("an attribute value nested to the depth limit passes; one level deeper is an attribute.value-depth warning, and the export is still stored",
          arguments: [3, FakeCollectorConfiguration().maxAttributeValueDepth])
    func attributeValueDepth(_ limit: Int) async throws {
        var configuration = Fixtures.configuration()
        configuration.maxAttributeValueDepth = limit
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let atLimit = try await Self.post(addresses, SizedRequests.trace(valueDepth: limit).serializedBytes())
            let over = try await Self.post(addresses, SizedRequests.trace(valueDepth: limit + 1).serializedBytes())
            let next = try await Self.post(addresses, Self.goodBody())
            #expect([atLimit.status, over.status, next.status] == [200, 200, 200] as [Int])
            let records = collector.exportRequests()
            #expect(!Self.rules(records[0]).contains("attribute.value-depth"))
            let finding = records[1].findings.first { $0.ruleId == "attribute.value-depth" }
            #expect(finding?.severity == .warning)
            #expect(finding?.evidence.contains("\"nested\"") == true)
            #expect(!Self.rules(records[2]).contains("attribute.value-depth"))
            #expect(collector.storeStats().spansStored == 1 + 1 + 3)
        }
    }

    @Test("a span with the attribute count limit passes; one attribute more is an attribute.count warning, and the export is still stored",
          arguments: [4, FakeCollectorConfiguration().maxAttributeCount])
    func attributeCount(_ limit: Int) async throws {
        var configuration = Fixtures.configuration()
        configuration.maxAttributeCount = limit
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let atLimit = try await Self.post(addresses, SizedRequests.trace(attributeCount: limit).serializedBytes())
            let over = try await Self.post(addresses, SizedRequests.trace(attributeCount: limit + 1).serializedBytes())
            let next = try await Self.post(addresses, Self.goodBody())
            #expect([atLimit.status, over.status, next.status] == [200, 200, 200] as [Int])
            let records = collector.exportRequests()
            #expect(!Self.rules(records[0]).contains("attribute.count"))
            let finding = records[1].findings.first { $0.ruleId == "attribute.count" }
            #expect(finding?.severity == .warning)
            #expect(finding?.evidence.contains("\(limit + 1) attributes") == true)
            #expect(!Self.rules(records[2]).contains("attribute.count"))
            #expect(collector.storeStats().spansStored == 1 + 1 + 3)
        }
    }

    // MARK: Store and harness

    static func stats(_ query: String) async throws -> [String: Any] {
        try #require(try await HTTPTestClient.get("http://\(query)/harness/stats").json)
    }

    static func traceID(_ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest) -> String {
        HexID.encode(request.resourceSpans[0].scopeSpans[0].spans[0].traceID)
    }

    @Test("fake-collector --max-spans 5 keeps five spans; a sixth evicts the oldest trace, counted in /harness/stats, and the next export is served")
    func maxSpans() async throws {
        let launched = try FakeCollectorCommandTests.launch(
            ["--grpc-port", "0", "--http-port", "0", "--query-port", "0", "--max-spans", "5"])
        defer { launched.process.terminate() }
        var lines = launched.lines.makeAsyncIterator()
        let ready = try #require(await lines.next())
        let match = try #require(ready.wholeMatch(of: /ready grpc=(\S+) http=(\S+) query=(\S+)/))
        let http = String(match.2)
        let query = String(match.3)
        func post(_ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest) async throws -> Int {
            try await HTTPTestClient.post("http://\(http)/v1/traces", body: request.serializedBytes(),
                                          contentType: "application/x-protobuf").status
        }
        let oldest = Fixtures.traceRequest(spanCount: 5)
        #expect(try await post(oldest) == 200)
        let atLimit = try await Self.stats(query)
        #expect(atLimit["spansStored"] as? Int == 5)
        #expect(atLimit["spansEvicted"] as? Int == 0)

        let sixth = Fixtures.traceRequest(spanCount: 1)
        #expect(try await post(sixth) == 200)
        let over = try await Self.stats(query)
        #expect(over["spansStored"] as? Int == 1)
        #expect(over["spansEvicted"] as? Int == 5)
        #expect(over["tracesEvicted"] as? Int == 1)
        #expect(try await HTTPTestClient.get("http://\(query)/api/v3/traces/\(Self.traceID(oldest))").status == 404)
        #expect(try await HTTPTestClient.get("http://\(query)/api/v3/traces/\(Self.traceID(sixth))").status == 200)

        #expect(try await post(Fixtures.traceRequest(spanCount: 2)) == 200)
        let next = try await Self.stats(query)
        #expect(next["spansStored"] as? Int == 3)
        #expect(next["spansEvicted"] as? Int == 5)
        #expect((next["requests"] as? [String: Int])?["traces"] == 3)
    }

    @Test("a store of maxBytes holds traces of exactly that many bytes; one byte more evicts the oldest trace, counted in /harness/stats")
    func maxBytes() async throws {
        var configuration = Fixtures.configuration()
        configuration.maxBytes = 10_000
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            // A one-span trace is stored as its encoded size.
            for (first, second) in [(4_000, 6_000), (4_000, 6_001)] {
                collector.reset()
                #expect(try await Self.post(addresses, SizedRequests.traceBytes(encodedSize: first)).status == 200)
                #expect(try await Self.post(addresses, SizedRequests.traceBytes(encodedSize: second)).status == 200)
                let stats = try await Self.stats(addresses.query)
                let over = first + second > 10_000
                #expect(stats["bytesStored"] as? Int == (over ? second : first + second))
                #expect(stats["spansEvicted"] as? Int == (over ? 1 : 0))
                #expect(stats["tracesEvicted"] as? Int == (over ? 1 : 0))
            }
            #expect(try await Self.post(addresses, Self.goodBody()).status == 200)
            #expect(collector.storeStats().spansStored == 1 + 3)
        }
    }

    @Test("the harness keeps maxRecordedRequests records; one more drops the oldest tenth, and the next request is recorded")
    func maxRecordedRequests() async throws {
        var configuration = Fixtures.configuration()
        configuration.maxRecordedRequests = 10
        try await FakeCollector.withRunning(configuration: configuration) { collector, addresses in
            let body = try Self.goodBody()
            for _ in 0..<10 { #expect(try await Self.post(addresses, body).status == 200) }
            #expect(collector.exportRequests().map(\.id) == Array(1...10))
            #expect(try await Self.post(addresses, body).status == 200)
            #expect(collector.exportRequests().map(\.id) == Array(2...11))
            #expect(try await Self.post(addresses, body).status == 200)
            #expect(collector.exportRequests().map(\.id) == Array(3...12))
        }
    }

    @Test("PUT /harness/faults takes a plan of 1 MiB; 1 MiB + 1 byte is answered 413 and the next plan is taken")
    func faultPlanSize() async throws {
        let limit = 1 << 20
        let rule = "grpc:\n  - action: delay\n    delayMs: 1\n"
        func plan(size: Int) -> [UInt8] { Array((rule + String(repeating: " ", count: size - rule.utf8.count)).utf8) }
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let url = "http://\(addresses.query)/harness/faults"
            let atLimit = try await HTTPTestClient.send("PUT", url, body: plan(size: limit))
            #expect(atLimit.status == 204)
            #expect(collector.faults.plan.grpc.first?.delayMs == 1)
            let over = try await HTTPTestClient.send("PUT", url, body: plan(size: limit + 1))
            #expect(over.status == 413)
            #expect(over.json?["error"] as? String == "fault plan larger than 1048576 bytes")
            let next = try await HTTPTestClient.send("PUT", url, body: Array("http:\n  - action: close\n".utf8))
            #expect(next.status == 204)
            #expect(collector.faults.plan.grpc.isEmpty)
            #expect(collector.faults.plan.http.first?.action == .close)
        }
    }
}
