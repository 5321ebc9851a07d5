import Foundation
import Synchronization

/// The progress line on stderr: rewritten in place on a terminal; elsewhere only the per-scenario verdicts.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let last = Mutex(ContinuousClock.now)

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        // At most ten redraws a second.
        let now = ContinuousClock.now
        let due = last.withLock { last in
            guard now - last > .milliseconds(100) else { return false }
            last = now
            return true
        }
        if due { FileHandle.standardError.write(Data("\r\u{1B}[K\(text.prefix(150))".utf8)) }
    }

    func finish(_ text: String) {
        FileHandle.standardError.write(Data(((enabled ? "\r\u{1B}[K" : "") + text + "\n").utf8))
    }
}
