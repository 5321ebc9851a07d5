/// Against a stalled collector the exporter gives up at `timeoutMs` (± tolerance, measured at the collector).
public struct ExportTimeoutExpectation: Sendable, Hashable {
    public var timeoutMs: Int
    public var toleranceMs: Int
    /// The longest a traffic request may take while exports stall (the service is not slowed).
    public var maxRequestMs: Int
    /// The services it is about; empty means every service of the scenario.
    public var services: [String] = []
    public init(timeoutMs: Int, toleranceMs: Int = 250, maxRequestMs: Int = 1000) {
        self.timeoutMs = timeoutMs
        self.toleranceMs = toleranceMs
        self.maxRequestMs = maxRequestMs
    }
}
