import Logging
import Prometheus
import Synchronization

/// A Cello-style web service on Hummingbird 2: routes with `{name}` templates, JSON responses, OpenTelemetry
/// tracing of every request, Prometheus metrics and health endpoints.
///
/// ```swift
/// let app = App()
/// try app.enableTelemetry(OpenTelemetryConfig(serviceName: "users"))
/// app.enablePrometheus(endpoint: "/metrics")
/// app.get("/api/users/{id}") { request in ["id": request.params["id"] ?? ""] }
/// try await app.run()
/// ```
///
/// Configure first, then call `run()` once. Registration problems (a bad route template, a route registered
/// twice) are collected and refused together by `run()`, before anything binds (docs/cello-telemetry.md section 1,
/// "nothing starts half-configured").
public final class App: Sendable {
    public let configuration: AppConfiguration
    /// The registry served at the Prometheus endpoint; the SDK's counters and the `cello_http_*` metrics live here,
    /// and an application may add its own.
    public let prometheusRegistry: PrometheusCollectorRegistry
    let logger: Logger
    let state: Mutex<AppState>

    public init(configuration: AppConfiguration = AppConfiguration(), logger: Logger = Logger(label: "cello.app")) {
        self.configuration = configuration
        self.logger = logger
        self.prometheusRegistry = PrometheusCollectorRegistry()
        self.state = Mutex(AppState())
    }

    /// An App listening on `host:port` (port 0 picks a free port).
    public convenience init(host: String = "127.0.0.1", port: Int = 8080, logger: Logger = Logger(label: "cello.app")) {
        self.init(configuration: AppConfiguration(host: host, port: port), logger: logger)
    }

    /// Serves Prometheus text format 0.0.4 at `endpoint` (docs/cello-telemetry.md section 5):
    /// `cello_http_requests_total`, `cello_http_request_duration_seconds`, `cello_http_requests_in_flight`,
    /// `cello_http_response_size_bytes` and the SDK's counters. Requests to it and to the health endpoints are
    /// neither traced nor counted.
    public func enablePrometheus(endpoint: String = "/metrics") {
        self.state.withLock { state in
            guard endpoint.first == "/", !endpoint.contains(where: { "{}?#: ".contains($0) }) else {
                state.problems.append(AppError(.invalidEndpoint, "Prometheus endpoint \"\(endpoint)\" is not a plain path"))
                return
            }
            state.prometheusEndpoint = endpoint
        }
    }

    /// Calls `callback` once the HTTP server listens, with the bound address (the real port when 0 was asked for).
    public func onServerRunning(_ callback: @escaping @Sendable (ListeningAddress) async -> Void) {
        self.state.withLock { $0.onServerRunning.append(callback) }
    }

    /// Uses `tracing` for the request spans and the instrumented client.
    func enableTracing(_ tracing: AppTracing) {
        self.state.withLock { $0.tracing = tracing }
    }
}
