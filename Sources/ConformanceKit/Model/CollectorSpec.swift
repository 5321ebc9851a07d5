/// How the in-process fake collector behaves during a scenario.
///
/// cello-telemetry.md section 6 (fault plans, batch-size rule) and section 7 ("the collector's fault plan").
public struct CollectorSpec: Sendable, Hashable {
    /// Fault plan text (YAML or JSON), handed to `FaultPlan.parse` unchanged; nil for none.
    public var faults: String?
    /// The batch size the collector's batch-size rule judges against.
    public var expectedBatchSize: Int?
    /// When true the services export to an address where nothing listens (collector-down scenarios).
    public var down: Bool

    public init(faults: String? = nil, expectedBatchSize: Int? = nil, down: Bool = false) {
        self.faults = faults
        self.expectedBatchSize = expectedBatchSize
        self.down = down
    }
}
