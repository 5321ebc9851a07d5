import AsyncHTTPClient
import Hummingbird
import ServiceLifecycle
import UnixSignals

/// Running the App: one ServiceGroup with the telemetry pipeline, a flush on shutdown, and the Hummingbird server.
extension App {
    /// Runs until SIGTERM or SIGINT, then shuts down gracefully: the server stops accepting, answers what is in
    /// flight, the exporter is flushed, and `run()` returns.
    /// - Throws: `AppError` for registration problems (before anything binds), or the server's start-up error.
    public func run() async throws {
        let runtime = try self.makeRuntime(gracefulShutdownSignals: [.sigterm, .sigint]) { _ in }
        try await runtime.run()
    }

    /// Runs the App for the duration of `body`, which gets the bound address; then shuts down gracefully (and
    /// flushes the exporter) before returning `body`'s result. Made for tests and embedding: no signal handlers.
    @discardableResult
    public func withRunning<T: Sendable>(_ body: (ListeningAddress) async throws -> T) async throws -> T {
        let (addresses, continuation) = AsyncStream.makeStream(of: ListeningAddress.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let runtime = try self.makeRuntime(gracefulShutdownSignals: []) { address in
                continuation.yield(address)
            }
            group.addTask {
                defer { continuation.finish() }
                try await runtime.run()
            }
            guard let address = await addresses.first(where: { _ in true }) else {
                // The group ended before the server listened: surface its error.
                try await group.waitForAll()
                throw AppError(.serverDidNotStart, "the HTTP server stopped before it was listening")
            }
            do {
                let result = try await body(address)
                await runtime.shutDown()
                try await group.waitForAll()
                return result
            } catch {
                await runtime.shutDown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}

/// The running parts of an App: its ServiceGroup and the HTTP client to shut down after it.
struct AppRuntime: Sendable {
    let serviceGroup: ServiceGroup
    let httpClient: HTTPClient
    /// Records the App's phase once the group has ended.
    let state: @Sendable (AppState.Phase) -> Void

    func run() async throws {
        do {
            try await self.serviceGroup.run()
        } catch {
            try? await self.httpClient.shutdown()
            self.state(.finished)
            throw error
        }
        try await self.httpClient.shutdown()
        self.state(.finished)
    }

    func shutDown() async {
        await self.serviceGroup.triggerGracefulShutdown()
    }
}
