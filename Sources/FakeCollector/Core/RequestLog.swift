import Synchronization

/// The harness's memory of export requests and their findings (docs/cello-telemetry.md section 6, harness endpoints):
/// bounded (oldest records dropped), safe under concurrent receivers.
final class RequestLog: Sendable {
    private struct State: Sendable {
        var records: [ExportRequestRecord] = []
        var index: [Int: Int] = [:]  // id -> position in records
        var nextID = 1
        var counts: [ExportSignal: Int] = [:]
        var connectionFindings: [WireFinding] = []
        var waiters: [Waiter] = []
        var nextWaiterID = 0

        /// Removes and returns the waiters whose condition now holds.
        mutating func satisfiedWaiters() -> [CheckedContinuation<Void, Never>] {
            guard !waiters.isEmpty else { return [] }
            var ready: [CheckedContinuation<Void, Never>] = []
            waiters.removeAll { waiter in
                guard waiter.condition(records) else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return ready
        }
    }

    /// A caller of ``waitUntil(_:)``; its condition is a pure function of the records, so it is evaluated in the lock.
    private struct Waiter: Sendable {
        var id: Int
        var condition: @Sendable ([ExportRequestRecord]) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Records a new request (its `id` is assigned here) and returns the id.
    func begin(_ record: ExportRequestRecord) -> Int {
        let (id, ready) = state.withLock { state in
            var record = record
            record.id = state.nextID
            state.nextID += 1
            state.counts[record.signal, default: 0] += 1
            if state.records.count >= capacity {
                let dropCount = max(1, capacity / 10)
                state.records.removeFirst(dropCount)
                state.index = Dictionary(uniqueKeysWithValues: state.records.enumerated().map { ($1.id, $0) })
            }
            state.index[record.id] = state.records.count
            state.records.append(record)
            return (record.id, state.satisfiedWaiters())
        }
        for continuation in ready { continuation.resume() }
        return id
    }

    /// Applies `change` to the record with `id` (a no-op when it was dropped or reset meanwhile).
    func update(_ id: Int, _ change: (inout ExportRequestRecord) -> Void) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard let position = state.index[id] else { return [] }
            change(&state.records[position])
            return state.satisfiedWaiters()
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once `condition` holds for the recorded requests (checked now and after every change), or once the
    /// calling task is cancelled (so a caller can bound the wait with a deadline).
    func waitUntil(_ condition: @escaping @Sendable ([ExportRequestRecord]) -> Bool) async {
        let id = state.withLock { state -> Int in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let satisfied = state.withLock { state -> Bool in
                    if condition(state.records) || Task.isCancelled { return true }
                    state.waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
                    return false
                }
                if satisfied { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume()
        }
    }

    func record(_ id: Int) -> ExportRequestRecord? {
        state.withLock { state in state.index[id].map { state.records[$0] } }
    }

    func records() -> [ExportRequestRecord] {
        state.withLock { $0.records }
    }

    func findings() -> [WireFinding] {
        state.withLock { state in state.connectionFindings + state.records.flatMap(\.findings) }
    }

    func addConnectionFinding(_ finding: WireFinding) {
        state.withLock { state in
            if state.connectionFindings.count < capacity { state.connectionFindings.append(finding) }
        }
    }

    func counts() -> [ExportSignal: Int] {
        state.withLock { $0.counts }
    }

    func removeAll() {
        state.withLock { state in
            let nextID = state.nextID
            let waiters = state.waiters
            let nextWaiterID = state.nextWaiterID
            state = State()
            state.nextID = nextID  // ids stay unique across resets so late updates never hit a new record
            state.waiters = waiters
            state.nextWaiterID = nextWaiterID
        }
    }
}
