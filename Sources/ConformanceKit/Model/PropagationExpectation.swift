/// The headers seen between hops carry exactly the configured format.
public struct PropagationExpectation: Sendable, Hashable {
    public var format: PropagationFormat
    public init(format: PropagationFormat) { self.format = format }
}
