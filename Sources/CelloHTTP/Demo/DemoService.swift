import CelloTelemetry
import HTTPTypes
import Hummingbird
import Logging
import Tracing

/// The demo-service routes: service A, B or C of the conformance topologies.
///
/// Every JSON answer carries `received`, the propagation headers this hop got, and `downstream`, the answers of
/// the next hops, so one response from A shows what reached B and C.
///
/// - `GET /api/users/{id}`: calls `GET /api/users/{id}` on each downstream in order.
/// - `POST /orders`: calls `GET /users/1` on each downstream, answers 201.
/// - `GET /users/{id}`: a user, no downstream calls.
/// - `GET /status/{code}`: answers `code` (200...599).
/// - `GET /slow/{ms}`: answers after `ms` milliseconds (0...30000).
/// - `POST /test`: the W3C trace-context test harness: a JSON array of `{"url", "arguments"}`; POSTs each
///   `arguments` (as JSON) to its `url` with the current context propagated, then answers 200.
/// - `GET /work/{n}`: opens `n` (0...1000) child spans named `work.step` with the tracer's `withSpan`.
/// - `GET /headers`: echoes the propagation headers received.
/// - `/health*`, `/metrics`.
public enum DemoService {
    /// Makes the App of one instance with telemetry and Prometheus enabled.
    /// - Parameter exporter: nil exports over OTLP as the settings say; tests pass an in-memory exporter.
    /// - Throws: `ConfigurationError` when the telemetry settings are refused.
    public static func makeApp(
        settings: DemoServiceSettings,
        exporter: (any SpanExporter)? = nil,
        logger: Logger = Logger(label: "demo-service")
    ) throws -> App {
        let app = App(configuration: AppConfiguration(host: settings.host, port: settings.port), logger: logger)
        try app.enableTelemetry(settings.telemetry, environment: settings.environment, exporter: exporter, logger: logger)
        app.enablePrometheus(endpoint: "/metrics")
        self.installRoutes(on: app, serviceName: settings.serviceName, downstreams: settings.downstreams)
        return app
    }

    static func installRoutes(on app: App, serviceName name: String, downstreams: [DemoServiceSettings.Downstream]) {
        app.get("/api/users/{id}") { request in
            let id = request.params["id"] ?? ""
            return try await self.callDownstreams(
                request,
                serviceName: name,
                downstreams: downstreams,
                path: "/api/users/\(PathSegment.encode(id))"
            ) { answer in
                answer.id = id
            }
        }
        app.post("/orders") { request in
            try await self.callDownstreams(request, serviceName: name, downstreams: downstreams, path: "/users/1") {
                answer in
                answer.order = ["id": "1", "status": "created"]
            }.withStatus(.created)
        }
        app.get("/users/{id}") { request in
            var answer = DemoAnswer(service: name, request: request)
            answer.id = request.params["id"]
            answer.name = "User \(request.params["id"] ?? "")"
            return try CelloResponse.json(answer)
        }
        app.get("/status/{code}") { request in
            guard let code = request.params.get("code", as: Int.self), (200...599).contains(code) else {
                throw HTTPError(.badRequest, message: "status code must be an integer within 200...599")
            }
            var answer = DemoAnswer(service: name, request: request)
            answer.status = code
            return try CelloResponse.json(answer, status: HTTPResponse.Status(code: code))
        }
        app.get("/slow/{ms}") { request in
            guard let ms = request.params.get("ms", as: Int.self), (0...30_000).contains(ms) else {
                throw HTTPError(.badRequest, message: "ms must be an integer within 0...30000")
            }
            try await Task.sleep(for: .milliseconds(ms))
            var answer = DemoAnswer(service: name, request: request)
            answer.sleptMs = ms
            return try CelloResponse.json(answer)
        }
        app.get("/work/{n}") { request in
            guard let count = request.params.get("n", as: Int.self), (0...1_000).contains(count) else {
                throw HTTPError(.badRequest, message: "n must be an integer within 0...1000")
            }
            for index in 0..<count {
                request.tracer.withSpan("work.step") { span in
                    span.attributes["work.index"] = index
                }
            }
            var answer = DemoAnswer(service: name, request: request)
            answer.spans = count
            return try CelloResponse.json(answer)
        }
        app.get("/headers") { request in
            try CelloResponse.json(DemoAnswer(service: name, request: request))
        }
        app.post("/test") { request in
            try await TraceContextTestHarness.handle(request)
        }
    }

    /// Calls `path` on each downstream in order; 502 naming the first that failed.
    private static func callDownstreams(
        _ request: CelloRequest,
        serviceName: String,
        downstreams: [DemoServiceSettings.Downstream],
        path: String,
        fill: (inout DemoAnswer) -> Void
    ) async throws -> CelloResponse {
        var answer = DemoAnswer(service: serviceName, request: request)
        fill(&answer)
        var answers: [JSONValue] = []
        for downstream in downstreams {
            let url = downstream.url(path)
            do {
                let response = try await request.client.get(url)
                guard response.status.kind == .successful else {
                    throw HTTPClientCallError(.transport, "\(url) answered \(response.status.code)")
                }
                answers.append((try? response.decode(JSONValue.self)) ?? .string(response.text))
            } catch {
                let failure = DemoFailure(
                    service: serviceName,
                    error: "\(error)",
                    downstream: url,
                    received: answer.received
                )
                return try CelloResponse.json(failure, status: .badGateway)
            }
        }
        answer.downstream = answers
        return try CelloResponse.json(answer)
    }
}

extension CelloResponse {
    /// The same response with a 2xx status replaced (a failure status is kept).
    func withStatus(_ status: HTTPResponse.Status) -> CelloResponse {
        guard self.status.kind == .successful else { return self }
        var copy = self
        copy.status = status
        return copy
    }
}
