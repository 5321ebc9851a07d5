import NIOCore

extension StallRegistry {
    /// Holds an HTTP request (reserved as `id`; nil: not held, the collector is shutting down) until the client
    /// gives up, the stall is released or the collector shuts down.
    /// - Returns: true when ``releaseHeld()`` released it.
    func stall(_ channel: any Channel, id: Int?) async -> Bool {
        guard let id else { return false }
        let promise = channel.eventLoop.makePromise(of: Void.self)
        let added = channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(ClientGoneWatcher(promise: promise), position: .first)
            if !channel.isActive { promise.succeed() }
        }
        do {
            try await added.get()
        } catch {
            promise.succeed()
        }
        // Completing a completed promise is a no-op, so the client and a release may both end the hold.
        attach(id) { promise.succeed() }
        await withTaskCancellationHandler {
            try? await promise.futureResult.get()
        } onCancel: {
            promise.succeed()
        }
        return finish(id)
    }
}
