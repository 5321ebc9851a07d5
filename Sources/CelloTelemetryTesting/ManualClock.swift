import Synchronization

/// A clock that moves only when the test says so. Sleepers wake when `advance` reaches their deadline;
/// `waitForSleepers(count:)` lets a test wait (without polling) until the code under test is asleep.
///
/// Spec: docs/cello-telemetry.md section 4 (timed behaviour tested on an injected clock, never by sleeping).
public struct ManualClock: Clock, Sendable {
    /// A point on the manual time line.
    public struct Instant: InstantProtocol, Sendable {
        public var offset: Duration

        public init(offset: Duration) {
            self.offset = offset
        }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let storage = Storage()

    public init() {}

    public var now: Instant { storage.now }
    public var minimumResolution: Duration { .zero }

    /// Sleepers currently waiting.
    public var sleeperCount: Int { storage.sleeperCount }

    /// Calls to `sleep` so far.
    public var sleepCallCount: Int { storage.sleepCallCount }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try await storage.sleep(until: deadline)
    }

    /// Moves time forward and wakes every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        storage.advance(to: storage.now.advanced(by: duration))
    }

    /// Moves time to `instant` (never backwards) and wakes every sleeper whose deadline has come.
    public func advance(to instant: Instant) {
        storage.advance(to: instant)
    }

    /// Returns once at least `count` sleepers are waiting.
    public func waitForSleepers(count: Int) async {
        await storage.waitForSleepers(count: count)
    }
}
