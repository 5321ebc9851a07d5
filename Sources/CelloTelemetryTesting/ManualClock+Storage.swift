import Synchronization

extension ManualClock {
    /// The shared time line and its sleepers, behind a lock; continuations are resumed outside it.
    final class Storage: Sendable {
        private struct Sleeper {
            var id: UInt64
            var deadline: Instant
            var continuation: CheckedContinuation<Void, any Error>
        }

        private struct SleeperWaiter {
            var count: Int
            var continuation: CheckedContinuation<Void, Never>
        }

        private struct State {
            var now = Instant(offset: .zero)
            var nextID: UInt64 = 0
            var sleepers: [Sleeper] = []
            var cancelledBeforeRegistering: Set<UInt64> = []
            var waiters: [SleeperWaiter] = []
            var sleepCalls = 0

            mutating func readyWaiters() -> [CheckedContinuation<Void, Never>] {
                let count = sleepers.count
                let ready = waiters.filter { $0.count <= count }.map(\.continuation)
                waiters.removeAll(where: { $0.count <= count })
                return ready
            }
        }

        private let state = Mutex(State())

        var now: Instant { state.withLock { $0.now } }
        var sleeperCount: Int { state.withLock { $0.sleepers.count } }
        var sleepCallCount: Int { state.withLock { $0.sleepCalls } }

        func sleep(until deadline: Instant) async throws {
            let id = state.withLock { state -> UInt64 in
                state.nextID += 1
                state.sleepCalls += 1
                return state.nextID
            }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    enum Registered { case wakeNow, cancelled, waiting([CheckedContinuation<Void, Never>]) }
                    let result = state.withLock { state -> Registered in
                        if state.cancelledBeforeRegistering.remove(id) != nil { return .cancelled }
                        if deadline <= state.now { return .wakeNow }
                        state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                        return .waiting(state.readyWaiters())
                    }
                    switch result {
                    case .wakeNow: continuation.resume()
                    case .cancelled: continuation.resume(throwing: CancellationError())
                    case .waiting(let ready): for waiter in ready { waiter.resume() }
                    }
                }
            } onCancel: {
                let sleeper = state.withLock { state -> Sleeper? in
                    guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                        state.cancelledBeforeRegistering.insert(id)
                        return nil
                    }
                    return state.sleepers.remove(at: index)
                }
                sleeper?.continuation.resume(throwing: CancellationError())
            }
        }

        func advance(to instant: Instant) {
            let due = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
                if instant > state.now { state.now = instant }
                let now = state.now
                let due = state.sleepers.filter { $0.deadline <= now }.map(\.continuation)
                state.sleepers.removeAll(where: { $0.deadline <= now })
                return due
            }
            for continuation in due { continuation.resume() }
        }

        func waitForSleepers(count: Int) async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if state.sleepers.count >= count { return true }
                    state.waiters.append(SleeperWaiter(count: count, continuation: continuation))
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }
}
