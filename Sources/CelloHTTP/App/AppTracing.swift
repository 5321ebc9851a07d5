import ServiceLifecycle
import Tracing

/// What the App needs from a tracing backend: the tracer, the attribute names to emit, and the service to run.
///
/// `App.enableTelemetry(_:)` builds one from a `Telemetry`; tests may build one over any swift-distributed-tracing
/// `Tracer`.
struct AppTracing: Sendable {
    var tracer: any Tracer
    /// The `service.name` recorded on server spans (docs/cello-telemetry.md section 3.1, seed attributes).
    var serviceName: String
    /// Emit the seed attribute names (`http.method`, `http.url`, ...).
    var seedAttributes: Bool
    /// Emit the stable semantic-convention names (`http.request.method`, `url.path`, ...).
    var stableAttributes: Bool
    /// The exporter pipeline, run in the App's ServiceGroup; nil when the tracer needs none.
    var service: (any Service)?
    /// Exports everything queued; called once the server has stopped.
    var forceFlush: @Sendable () async -> Void
}
