/// No export request over `maxBatchSize`; full batches are sent when enough spans wait.
public struct BatchingExpectation: Sendable, Hashable {
    public var maxBatchSize: Int
    public var fullBatches: Bool
    /// The services it is about; empty means every service of the scenario.
    public var services: [String] = []
    public init(maxBatchSize: Int, fullBatches: Bool = true) {
        self.maxBatchSize = maxBatchSize
        self.fullBatches = fullBatches
    }
}
