import NIOCore
import Synchronization

/// The HTTP requests a stall fault is holding, so shutdown can release them (Hummingbird's graceful shutdown
/// waits for in-flight requests, and a stall would otherwise wait forever).
final class HTTPStallRegistry: Sendable {
    private struct State: Sendable {
        var nextID = 0
        var stalls: [Int: EventLoopPromise<Void>] = [:]
        var released = false
    }

    private let state = Mutex(State())

    /// Holds the request until the client gives up or the collector shuts down.
    func stall(_ channel: any Channel) async {
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
        let (id, alreadyReleased) = state.withLock { state -> (Int, Bool) in
            state.nextID += 1
            state.stalls[state.nextID] = promise
            return (state.nextID, state.released)
        }
        if alreadyReleased { promise.succeed() }
        await withTaskCancellationHandler {
            try? await promise.futureResult.get()
        } onCancel: {
            promise.succeed()
        }
        _ = state.withLock { $0.stalls.removeValue(forKey: id) }
    }

    /// Releases every stalled request (on shutdown).
    func releaseAll() {
        let promises = state.withLock { state -> [EventLoopPromise<Void>] in
            state.released = true
            defer { state.stalls = [:] }
            return Array(state.stalls.values)
        }
        for promise in promises { promise.succeed() }
    }
}
