import Foundation

/// How the runner runs scenarios: time bounds, the span backend, extra environment, progress reporting.
public struct RunnerOptions: Sendable {
    /// Bound on a service's start (its ready line). - Default: 60 s (the Python SDK imports slowly on 2 cores).
    public var readyLimit: Duration = .seconds(60)
    /// Time between SIGTERM and SIGKILL; covers the service's final flush. - Default: 10 s.
    public var stopGrace: Duration = .seconds(10)
    /// Variables added to every service's environment (after the generated OTEL_* ones).
    public var extraEnvironment: [String: String] = [:]
    /// Receives progress lines ("A -> B -> C: 1200/2000 requests").
    public var progress: (@Sendable (String) -> Void)?
    /// Where spans are read: the in-process fake collector (default) or a real Jaeger.
    public var backend: BackendChoice = .fakeCollector
    /// Where `${NAME}` in an external service's URL, and in a `command` service's arguments and `env` values, is
    /// looked up. - Default: this process's environment.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Probed until it answers 200 before a scenario starts (the collector's health_check extension); nil: none.
    public var collectorHealthURL: String?
    /// Bound on waiting for the collector's health URL and the query API. - Default: 120 s (a cold compose stack).
    public var stackReadyLimit: Duration = .seconds(120)

    public init() {}

    public enum BackendChoice: Sendable, Hashable {
        case fakeCollector
        /// A running Jaeger v2 (`queryURL`), with services exporting to `otlpEndpoint` (a collector in front of it).
        case jaeger(queryURL: String, otlpEndpoint: String)
    }
}
