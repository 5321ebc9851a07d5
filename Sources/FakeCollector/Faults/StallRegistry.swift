import Synchronization

/// The requests a `stall` fault is holding, so they can be let go: the HTTP ones at shutdown (Hummingbird's graceful
/// shutdown waits for in-flight requests, and a stall would otherwise wait forever), and any of them on demand
/// through ``FakeCollector/releaseStalls()`` (a harness that stalls an export on purpose bounds how long it waits
/// for the exporter to give up).
///
/// A receiver ``reserve()``s a place for a stalled request before its record shows the stall (so a harness that
/// sees the record can always release it), ``attach(_:release:)``es the closure that ends the hold once it holds,
/// waits for the client to go away or the release, then calls ``finish(_:)``, which says whether the stall was
/// released (the request then ends `server-fault`) or the client gave up.
final class StallRegistry: Sendable {
    private struct State: Sendable {
        var nextID = 0
        /// Reserved stalls, with their release once attached.
        var held: [Int: (@Sendable () -> Void)?] = [:]
        var released: Set<Int> = []
        var shutDown = false
    }

    private let state = Mutex(State())

    /// Reserves a place for a stalled request; nil after ``releaseAll()`` (shutdown): the caller does not hold.
    func reserve() -> Int? {
        state.withLock { state in
            guard !state.shutDown else { return nil }
            state.nextID += 1
            state.held[state.nextID] = .some(nil)
            return state.nextID
        }
    }

    /// Gives the reserved stall `id` the closure that ends its hold; calls it at once when the stall was released
    /// meanwhile (or the collector is shutting down).
    func attach(_ id: Int, release: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.released.contains(id) || state.shutDown || state.held[id] == nil { return true }
            state.held[id] = release
            return false
        }
        if now { release() }
    }

    /// Forgets the stall `id`; true when ``releaseHeld()`` let it go (rather than the client giving up).
    func finish(_ id: Int) -> Bool {
        state.withLock { state in
            state.held.removeValue(forKey: id)
            return state.released.remove(id) != nil
        }
    }

    /// Releases every stall reserved now (later ones hold again) and returns how many.
    @discardableResult
    func releaseHeld() -> Int {
        let (count, releases) = state.withLock { state -> (Int, [@Sendable () -> Void]) in
            state.released.formUnion(state.held.keys)
            defer { state.held = [:] }
            return (state.held.count, state.held.values.compactMap { $0 })
        }
        for release in releases { release() }
        return count
    }

    /// Releases every stall and refuses new ones (shutdown). They count as the client's end, not as released: the
    /// collector is going away.
    func releaseAll() {
        let releases = state.withLock { state -> [@Sendable () -> Void] in
            state.shutDown = true
            defer { state.held = [:] }
            return state.held.values.compactMap { $0 }
        }
        for release in releases { release() }
    }
}
