/// Counters of the ``SpanStore`` (served by `GET /harness/stats`).
public struct SpanStoreStats: Sendable, Hashable {
    public var spansStored: Int
    public var tracesStored: Int
    public var bytesStored: Int
    public var spansEvicted: Int
    public var tracesEvicted: Int
}
