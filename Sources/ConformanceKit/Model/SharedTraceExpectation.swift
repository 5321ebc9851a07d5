/// Every span caused by one request shares its trace id and the spans form the listed parent chain.
public struct SharedTraceExpectation: Sendable, Hashable {
    /// The chain from the root, e.g. `A server`, `A client`, `B server`, ...: each one's parent is the one before.
    public var chain: [SpanSelector]
    public init(chain: [SpanSelector]) { self.chain = chain }
}
