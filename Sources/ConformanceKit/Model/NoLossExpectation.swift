/// Every span the traffic caused reaches the collector exactly once.
public struct NoLossExpectation: Sendable, Hashable {
    /// Spans each request causes across all services (e.g. 5 for A -> B -> C).
    public var spansPerRequest: Int
    public init(spansPerRequest: Int) { self.spansPerRequest = spansPerRequest }
}
