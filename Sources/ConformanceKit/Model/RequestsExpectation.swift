/// The traffic itself: every request answered with a 2xx, none slower than `maxLatencyMs`.
public struct RequestsExpectation: Sendable, Hashable {
    public var maxLatencyMs: Int?
    public init(maxLatencyMs: Int? = nil) { self.maxLatencyMs = maxLatencyMs }
}
