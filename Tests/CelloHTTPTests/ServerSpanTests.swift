import CelloHTTP
import CelloTelemetry
import CelloTelemetryTesting
import HTTPTypes
import Hummingbird
import Testing
import Tracing

@Suite("Server span")
struct ServerSpanTests {
    struct Failure: Error {}

    /// Runs an App with telemetry (in-memory exporter) and a few routes; returns the spans once it has shut down.
    static func spans(
        attributeSet: AttributeSet? = nil,
        prometheus: Bool = true,
        _ body: (ListeningAddress) async throws -> Void
    ) async throws -> [FinishedSpan] {
        let exporter = InMemorySpanExporter()
        let app = App(host: "127.0.0.1", port: 0)
        var config = OpenTelemetryConfig(serviceName: "svc")
        config.attributeSet = attributeSet
        try app.enableTelemetry(config, environment: [:], exporter: exporter)
        if prometheus {
            app.enablePrometheus(endpoint: "/metrics")
        }
        app.get("/api/users/{id}") { request in ["id": request.params["id"] ?? ""] }
        app.get("/fail") { _ in CelloResponse(status: .internalServerError) }
        app.get("/bad") { _ in CelloResponse(status: .badRequest) }
        app.get("/throw") { _ -> CelloResponse in throw Failure() }
        app.get("/call/{port}") { request in
            let port = request.params["port"] ?? ""
            let answer = try await request.client.get("http://bob:hunter2@127.0.0.1:\(port)/api/users/9?token=abc#x")
            return CelloResponse(status: answer.status)
        }
        try await app.withRunning(body)
        return exporter.finishedSpans
    }

    @Test("reports the route template and the path, never the query string or userinfo")
    func routeTemplate() async throws {
        let spans = try await Self.spans { address async throws in
            let url = "http://alice:s3cret@\(address)/api/users/42?token=abc123&q=1"
            #expect(try await TestHTTP.send(url).status == 200)
        }
        let span = try #require(spans.first)
        #expect(spans.count == 1)
        #expect(span.name == "GET /api/users/{id}")
        #expect(span.kind == .server)
        #expect(span.attributes.get("http.route") == .string("/api/users/{id}"))
        #expect(span.attributes.get("http.url") == .string("/api/users/42"))
        #expect(span.attributes.get("url.path") == .string("/api/users/42"))
        Self.expectNoSecrets(span, ["abc123", "token", "s3cret", "alice", "?"])
    }

    @Test("a client call records url.full without userinfo or query, as a child of the server span")
    func clientSpan() async throws {
        let spans = try await Self.spans { address async throws in
            #expect(try await TestHTTP.send(address.baseURL + "/call/\(address.port)").status == 200)
        }
        #expect(spans.count == 3)
        let outer = try #require(spans.first { $0.name == "GET /call/{port}" })
        let client = try #require(spans.first { $0.kind == .client })
        let inner = try #require(spans.first { $0.name == "GET /api/users/{id}" })
        #expect(client.context.parentSpanID == outer.context.spanID)
        #expect(inner.context.parentSpanID == client.context.spanID)
        #expect(client.attributes.get("url.full") != nil)
        if case .string(let full) = client.attributes.get("url.full") {
            #expect(full.hasSuffix("/api/users/9"))
            #expect(full.hasPrefix("http://127.0.0.1:"))
        }
        for span in spans {
            Self.expectNoSecrets(span, ["hunter2", "bob", "token", "abc", "?", "#"])
        }
    }

    @Test("a 404 is named {METHOD} and has no http.route; its status stays unset")
    func notFound() async throws {
        let spans = try await Self.spans { address async throws in
            #expect(try await TestHTTP.send(address.baseURL + "/nowhere/1").status == 404)
            #expect(try await TestHTTP.send(address.baseURL + "/api/users/1", method: "DELETE").status == 404)
        }
        #expect(spans.count == 2)
        for span in spans {
            #expect(span.name == "GET" || span.name == "DELETE")
            #expect(span.attributes.get("http.route") == nil)
            #expect(span.attributes.get("http.status_code") == .int64(404))
            #expect(span.status == nil)
        }
    }

    @Test("5xx sets Error; a thrown error answers 500 with an exception event; 4xx leaves the status unset")
    func statusRules() async throws {
        let spans = try await Self.spans { address async throws in
            #expect(try await TestHTTP.send(address.baseURL + "/fail").status == 500)
            #expect(try await TestHTTP.send(address.baseURL + "/throw").status == 500)
            #expect(try await TestHTTP.send(address.baseURL + "/bad").status == 400)
        }
        let fail = try #require(spans.first { $0.name == "GET /fail" })
        let thrown = try #require(spans.first { $0.name == "GET /throw" })
        let bad = try #require(spans.first { $0.name == "GET /bad" })
        #expect(fail.status?.code == .error)
        #expect(fail.events.isEmpty)
        #expect(thrown.status?.code == .error)
        #expect(thrown.attributes.get("http.status_code") == .int64(500))
        #expect(thrown.events.map(\.name) == ["exception"])
        #expect(bad.status == nil)
        #expect(bad.attributes.get("http.response.status_code") == .int64(400))
    }

    @Test("health and metrics requests are not traced")
    func untraced() async throws {
        let spans = try await Self.spans { address async throws in
            for path in ["/health", "/health/live", "/health/ready", "/health/startup", "/metrics", "/health/nope"] {
                _ = try await TestHTTP.send(address.baseURL + path)
            }
        }
        #expect(spans.isEmpty)
    }

    @Test(
        "attributeSet picks the seed names, the stable names or both",
        arguments: [(AttributeSet.cello, true, false), (.stable, false, true), (.both, true, true)]
    )
    func attributeSets(_ set: AttributeSet, seed: Bool, stable: Bool) async throws {
        let spans = try await Self.spans(attributeSet: set) { address async throws in
            _ = try await TestHTTP.send(address.baseURL + "/api/users/1")
        }
        let span = try #require(spans.first)
        for name in ["http.method", "http.url", "http.status_code", "http.request.duration_ms", "service.name"] {
            #expect((span.attributes.get(name) != nil) == seed, "\(name)")
        }
        for name in ["http.request.method", "url.path", "url.scheme", "http.response.status_code", "server.address",
                     "server.port", "network.protocol.version", "user_agent.original", "client.address"] {
            #expect((span.attributes.get(name) != nil) == stable, "\(name)")
        }
        #expect(span.attributes.get("http.route") == .string("/api/users/{id}"))
    }

    static func expectNoSecrets(_ span: FinishedSpan, _ secrets: [String]) {
        span.attributes.forEach { name, value in
            let text = "\(value)"
            for secret in secrets {
                #expect(!text.contains(secret), "\(span.name): \(name) = \(text) contains \(secret)")
            }
        }
    }
}
