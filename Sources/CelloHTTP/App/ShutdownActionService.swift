import ServiceLifecycle

/// A service that does nothing until graceful shutdown, then runs one action (shut the HTTP client down, flush
/// the exporter). Placed in the App's ServiceGroup so the action runs after the server has stopped and before the
/// services listed earlier (the telemetry pipeline) stop.
struct ShutdownActionService: Service, CustomStringConvertible {
    let description: String
    let action: @Sendable () async -> Void

    func run() async throws {
        // Returns on graceful shutdown; throws on cancellation, when the action must not run.
        try await gracefulShutdown()
        await self.action()
    }
}
