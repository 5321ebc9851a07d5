import Synchronization

/// Collects the three listeners' ports as they bind and wakes `listening()` callers once all are known
/// (or when the collector failed before that).
final class ListenerPorts: Sendable {
    enum Listener: Sendable { case grpc, http, query }

    private struct State: ~Copyable {
        var grpc: Int?
        var http: Int?
        var query: Int?
        var failure: FakeCollectorError?
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<FakeCollectorAddresses, any Error>] = [:]
    }

    private enum Action {
        case none
        case cancel(CheckedContinuation<FakeCollectorAddresses, any Error>)
        case resume([CheckedContinuation<FakeCollectorAddresses, any Error>], Result<FakeCollectorAddresses, FakeCollectorError>)
    }

    private let host: String
    private let state = Mutex(State())

    init(host: String) {
        self.host = host.contains(":") ? "[\(host)]" : host
    }

    func bound(_ listener: Listener, port: Int) {
        let action = state.withLock { state -> Action in
            switch listener {
            case .grpc: state.grpc = port
            case .http: state.http = port
            case .query: state.query = port
            }
            guard let addresses = addresses(state) else { return .none }
            defer { state.waiters = [:] }
            return .resume(Array(state.waiters.values), .success(addresses))
        }
        run(action)
    }

    /// Fails pending and future waiters unless all listeners were already bound.
    func failed(_ error: FakeCollectorError) {
        let action = state.withLock { state -> Action in
            guard addresses(state) == nil, state.failure == nil else { return .none }
            state.failure = error
            defer { state.waiters = [:] }
            return .resume(Array(state.waiters.values), .failure(error))
        }
        run(action)
    }

    /// Waits for all three ports; a cancelled waiter gets a `CancellationError`.
    func wait() async throws -> FakeCollectorAddresses {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let action = state.withLock { state -> Action in
                    if let addresses = addresses(state) { return .resume([continuation], .success(addresses)) }
                    if let failure = state.failure { return .resume([continuation], .failure(failure)) }
                    if Task.isCancelled { return .cancel(continuation) }
                    state.waiters[id] = continuation
                    return .none
                }
                run(action)
            }
        } onCancel: {
            let action = state.withLock { state -> Action in
                state.waiters.removeValue(forKey: id).map { .cancel($0) } ?? .none
            }
            run(action)
        }
    }

    private func addresses(_ state: borrowing State) -> FakeCollectorAddresses? {
        guard let grpc = state.grpc, let http = state.http, let query = state.query else { return nil }
        return FakeCollectorAddresses(grpc: "\(host):\(grpc)", http: "\(host):\(http)", query: "\(host):\(query)")
    }

    private func run(_ action: Action) {
        switch action {
        case .none:
            break
        case .cancel(let waiter):
            waiter.resume(throwing: CancellationError())
        case .resume(let waiters, let result):
            for waiter in waiters { waiter.resume(with: result.mapError { $0 as any Error }) }
        }
    }
}
