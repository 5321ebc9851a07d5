import InMemoryTracing
import Testing
import Tracing

@testable import CelloHTTP

/// The middleware and client need only the swift-distributed-tracing `Tracer` API; this runs them over
/// `InMemoryTracer` (the CelloTelemetry-based suites check the exact attributes and propagation formats).
@Suite("App over any Tracer")
struct AnyTracerTests {
    @Test("a server span per request and a client span per call, in one trace across two Apps")
    func twoHops() async throws {
        let tracerA = InMemoryTracer()
        let tracerB = InMemoryTracer()
        let b = App(host: "127.0.0.1", port: 0)
        b.enableTracing(Self.tracing(tracerB, "B"))
        b.get("/users/{id}") { request in ["id": request.params["id"] ?? ""] }
        let bURL = try await b.withRunning { bAddress in
            let a = App(host: "127.0.0.1", port: 0)
            a.enableTracing(Self.tracing(tracerA, "A"))
            a.get("/api/users/{id}") { request in
                let answer = try await request.client.get(bAddress.baseURL + "/users/\(request.params["id"] ?? "")")
                return try answer.decode([String: String].self)
            }
            try await a.withRunning { aAddress in
                let answer = try await TestHTTP.send(aAddress.baseURL + "/api/users/7?secret=1")
                #expect(answer.status == 200)
                #expect(answer.text == #"{"id":"7"}"#)
            }
            return bAddress.baseURL
        }
        let spansA = tracerA.finishedSpans
        let spansB = tracerB.finishedSpans
        let server = try #require(spansA.first { $0.kind == .server })
        let client = try #require(spansA.first { $0.kind == .client })
        let serverB = try #require(spansB.first { $0.kind == .server })
        #expect(server.operationName == "GET /api/users/{id}")
        #expect(client.operationName == "GET")
        #expect(serverB.operationName == "GET /users/{id}")
        #expect(server.attributes.get("http.url") == .string("/api/users/7"))
        #expect(server.attributes.get("http.route") == .string("/api/users/{id}"))
        #expect(server.attributes.get("http.status_code") == .int64(200))
        #expect(client.attributes.get("url.full") == .string(bURL + "/users/7"))
        #expect(client.traceID == server.traceID)
        #expect(serverB.traceID == server.traceID)
        #expect(serverB.parentSpanID == client.spanID)
        #expect(client.parentSpanID == server.spanID)
    }

    static func tracing(_ tracer: InMemoryTracer, _ name: String) -> AppTracing {
        AppTracing(
            tracer: tracer,
            serviceName: name,
            seedAttributes: true,
            stableAttributes: true,
            service: nil,
            forceFlush: {}
        )
    }
}
