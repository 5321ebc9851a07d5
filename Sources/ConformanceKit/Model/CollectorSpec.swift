/// How the in-process fake collector behaves during a scenario.
///
/// docs/cello-telemetry.md section 6 (fault plans, batch-size rule) and section 7 ("the collector's fault plan").
public struct CollectorSpec: Sendable, Hashable {
    /// Fault plan text (YAML or JSON), handed to `FaultPlan.parse` unchanged; nil for none.
    public var faults: String?
    /// The batch size the collector's batch-size rule judges against.
    public var expectedBatchSize: Int?
    /// When true the services export to an address where nothing listens (collector-down scenarios).
    public var down: Bool
    /// A real collector between the services and the fake collector (`rotel`); nil exports straight to the fake one.
    /// With a hop the fake collector sees the hop's re-batched requests, so the SDK's wire is not judged.
    public var via: CollectorHop?

    public init(faults: String? = nil, expectedBatchSize: Int? = nil, down: Bool = false, via: CollectorHop? = nil) {
        self.faults = faults
        self.expectedBatchSize = expectedBatchSize
        self.down = down
        self.via = via
    }
}
