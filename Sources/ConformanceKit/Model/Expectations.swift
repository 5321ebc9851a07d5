/// What must hold after a scenario ran; each present expectation becomes one checked result in the report.
///
/// docs/cello-telemetry.md section 7 (shared trace, attributes, propagation, sampling, batching, export timeout) and
/// the checks that nothing is lost and that requests are not slowed.
public struct Expectations: Sendable, Hashable {
    public var sharedTrace: SharedTraceExpectation?
    public var attributes: [AttributeExpectation]
    public var propagation: PropagationExpectation?
    public var sampling: SamplingExpectation?
    public var batching: BatchingExpectation?
    public var exportTimeout: ExportTimeoutExpectation?
    public var noLoss: NoLossExpectation?
    public var wire: WireExpectation?
    public var requests: RequestsExpectation?
    public var shutdownFlush: ShutdownFlushExpectation?
    /// Rules turned off, by rule id (`propagation`, `export.headers`, ...), each with its reason.
    public var off: [String: RuleSwitch] = [:]

    /// The switch that turns `rule` off for `service`, if any.
    public func switchedOff(_ rule: String, service: String? = nil) -> RuleSwitch? {
        guard let entry = off[rule], entry.covers(service) else { return nil }
        return entry
    }

    public init(
        sharedTrace: SharedTraceExpectation? = nil, attributes: [AttributeExpectation] = [],
        propagation: PropagationExpectation? = nil, sampling: SamplingExpectation? = nil,
        batching: BatchingExpectation? = nil, exportTimeout: ExportTimeoutExpectation? = nil,
        noLoss: NoLossExpectation? = nil, wire: WireExpectation? = nil, requests: RequestsExpectation? = nil
    ) {
        self.sharedTrace = sharedTrace
        self.attributes = attributes
        self.propagation = propagation
        self.sampling = sampling
        self.batching = batching
        self.exportTimeout = exportTimeout
        self.noLoss = noLoss
        self.wire = wire
        self.requests = requests
    }
}
