@testable import CelloHTTP
import CelloTelemetry
import Foundation
import Testing
import Tracing

@Suite("A -> B -> C propagation")
struct PropagationChainTests {
    enum Format: String, CaseIterable, Sendable {
        case w3c, b3, jaeger
    }

    @Test("one request to A gives five spans in one trace with the exact parent chain and attributes", arguments: Format.allCases)
    func chain(_ format: Format) async throws {
        let started = ContinuousClock.now
        let outcome = try await DemoTopology.chain({ $0.propagation = format.rawValue }) { base in
            try await TestHTTP.send(base + "/api/users/42")
        }
        let window = started.duration(to: .now)
        #expect(outcome.answer.status == 200)

        let a = try #require(outcome.spans["A"])
        let b = try #require(outcome.spans["B"])
        let c = try #require(outcome.spans["C"])
        #expect(a.count == 2)
        #expect(b.count == 2)
        #expect(c.count == 1)
        let all = a + b + c
        #expect(all.filter { $0.kind == .server }.count == 3)
        #expect(all.filter { $0.kind == .client }.count == 2)
        #expect(Set(all.map(\.context.traceID)).count == 1)

        let aServer = try #require(a.first { $0.kind == .server })
        let aClient = try #require(a.first { $0.kind == .client })
        let bServer = try #require(b.first { $0.kind == .server })
        let bClient = try #require(b.first { $0.kind == .client })
        let cServer = try #require(c.first { $0.kind == .server })
        #expect(aServer.context.parentSpanID == nil)
        #expect(aClient.context.parentSpanID == aServer.context.spanID)
        #expect(bServer.context.parentSpanID == aClient.context.spanID)
        #expect(bClient.context.parentSpanID == bServer.context.spanID)
        #expect(cServer.context.parentSpanID == bClient.context.spanID)
        #expect(all.allSatisfy { $0.context.isSampled })

        let ports = outcome.ports
        for (span, name, userAgent) in [(aServer, "A", "cello-test"), (bServer, "B", "cello-http"), (cServer, "C", "cello-http")] {
            #expect(span.name == "GET /api/users/{id}")
            var table = attributeTable(span)
            let duration = table.removeValue(forKey: "http.request.duration_ms")
            guard case .double(let ms) = duration else {
                Issue.record("http.request.duration_ms is \(String(describing: duration)), expected a double")
                continue
            }
            #expect(ms > 0 && ms <= window.milliseconds)
            #expect(table == Self.serverAttributes(service: name, port: ports[name]!, userAgent: userAgent))
            #expect(span.status == nil)
            #expect(span.resource.serviceName == name)
        }
        for (span, next) in [(aClient, "B"), (bClient, "C")] {
            #expect(span.name == "GET")
            #expect(
                attributeTable(span) == [
                    "http.request.method": .string("GET"),
                    "url.full": .string("http://127.0.0.1:\(ports[next]!)/api/users/42"),
                    "server.address": .string("127.0.0.1"),
                    "server.port": .int64(Int64(ports[next]!)),
                    "http.response.status_code": .int64(200),
                ]
            )
        }

        // The headers on the wire are the configured format, carrying the client span's context.
        let received = try Self.received(outcome.answer, hop: 2)
        let wire = try #require(Self.wireContext(format, received))
        #expect(wire.traceID == cServer.context.traceID)
        #expect(wire.spanID == bClient.context.spanID)
        #expect(wire.sampled)
        let others = Set(received.keys).subtracting(Self.headerNames(format))
        #expect(others.isEmpty, "unexpected propagation headers \(others)")
    }

    @Test("with sampling rate 0 nothing is exported, but C still gets the same trace id with the sampled flag off")
    func unsampled() async throws {
        let outcome = try await DemoTopology.chain({ $0.samplingRate = 0 }) { base in
            try await TestHTTP.send(base + "/api/users/7")
        }
        #expect(outcome.answer.status == 200)
        #expect(outcome.spans.values.allSatisfy { $0.isEmpty })
        let atB = try #require(Self.wireContext(.w3c, try Self.received(outcome.answer, hop: 1)))
        let atC = try #require(Self.wireContext(.w3c, try Self.received(outcome.answer, hop: 2)))
        #expect(atB.traceID == atC.traceID)
        #expect(atB.traceID.isValid)
        #expect(!atB.sampled)
        #expect(!atC.sampled)
        #expect(atB.spanID != atC.spanID)
    }

    // MARK: - Expectations

    static func serverAttributes(service: String, port: Int, userAgent: String) -> [String: SpanAttribute] {
        [
            "http.method": .string("GET"),
            "http.url": .string("/api/users/42"),
            "http.status_code": .int64(200),
            "http.route": .string("/api/users/{id}"),
            "service.name": .string(service),
            "http.request.method": .string("GET"),
            "url.path": .string("/api/users/42"),
            "url.scheme": .string("http"),
            "http.response.status_code": .int64(200),
            "server.address": .string("127.0.0.1"),
            "server.port": .int64(Int64(port)),
            "network.protocol.version": .string("1.1"),
            "user_agent.original": .string(userAgent),
            "client.address": .string("127.0.0.1"),
        ]
    }

    static func headerNames(_ format: Format) -> Set<String> {
        switch format {
        case .w3c: ["traceparent", "tracestate", "baggage"]
        case .b3: ["b3"]
        case .jaeger: ["uber-trace-id"]
        }
    }

    /// The propagation headers that hop `hop` (1 = B, 2 = C) received, from A's nested JSON answer.
    static func received(_ answer: TestHTTP.Answer, hop: Int) throws -> [String: String] {
        var level = try answer.json()
        for _ in 0..<hop {
            let downstream = try #require(level["downstream"] as? [[String: Any]])
            level = try #require(downstream.first)
        }
        return try #require(level["received"] as? [String: String])
    }

    struct WireContext {
        var traceID: TraceID
        var spanID: SpanID
        var sampled: Bool
    }

    static func wireContext(_ format: Format, _ headers: [String: String]) -> WireContext? {
        switch format {
        case .w3c:
            let parts = headers["traceparent"]?.split(separator: "-") ?? []
            guard parts.count == 4, parts[0] == "00", let trace = TraceID(hex: parts[1]), let span = SpanID(hex: parts[2]),
                let flags = UInt8(parts[3], radix: 16)
            else { return nil }
            return WireContext(traceID: trace, spanID: span, sampled: flags & 1 == 1)
        case .b3:
            let parts = headers["b3"]?.split(separator: "-") ?? []
            guard parts.count >= 3, let trace = TraceID(hex: parts[0]), let span = SpanID(hex: parts[1]) else { return nil }
            return WireContext(traceID: trace, spanID: span, sampled: parts[2] == "1" || parts[2] == "d")
        case .jaeger:
            let parts = headers["uber-trace-id"]?.split(separator: ":") ?? []
            guard parts.count == 4, parts[0].count <= 32, parts[1].count <= 16,
                let trace = TraceID(hex: String(repeating: "0", count: 32 - parts[0].count) + parts[0]),
                let span = SpanID(hex: String(repeating: "0", count: 16 - parts[1].count) + parts[1]),
                let flags = UInt8(parts[3], radix: 16)
            else { return nil }
            return WireContext(traceID: trace, spanID: span, sampled: flags & 1 == 1)
        }
    }
}
