/// Over N roots the kept fraction lies in the binomial 99.9% interval and every hop agrees.
public struct SamplingExpectation: Sendable, Hashable {
    public var rate: Double
    public init(rate: Double) { self.rate = rate }
}
