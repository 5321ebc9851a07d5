import Synchronization

/// Set once graceful shutdown began, so a listener that stops afterwards is expected, not a failure.
final class ShutdownFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    func set() { flag.store(true, ordering: .releasing) }

    var isSet: Bool { flag.load(ordering: .acquiring) }
}
