/// The outcome of one scenario: its verdict, every expectation with evidence, the traces, the services' output.
///
/// docs/cello-telemetry.md section 7 (reports).
public struct ScenarioResult: Sendable, Hashable {
    public var name: String
    public var file: String
    public var description: String
    /// Set when the scenario could not be run to the point of judging it (a service never got ready, ...).
    public var error: String?
    public var durationSeconds: Double
    public var expectations: [ExpectationResult]
    /// Every span read back, for the trace trees.
    public var spans: [QueriedSpan]
    public var services: [ServiceRun]
    /// Requests sent and answered 2xx.
    public var requestsSent: Int
    public var requestsSucceeded: Int
    public var backend: String
    /// The scenario's services as configured (name, kind, downstream, settings), for the HTML report's topology;
    /// nil for a result not built from a scenario.
    public var topology: [ServiceOverview]?

    public init(
        name: String, file: String, description: String, error: String? = nil, durationSeconds: Double = 0,
        expectations: [ExpectationResult] = [], spans: [QueriedSpan] = [], services: [ServiceRun] = [],
        requestsSent: Int = 0, requestsSucceeded: Int = 0, backend: String = "fake-collector",
        topology: [ServiceOverview]? = nil
    ) {
        self.name = name
        self.file = file
        self.description = description
        self.error = error
        self.durationSeconds = durationSeconds
        self.expectations = expectations
        self.spans = spans
        self.services = services
        self.requestsSent = requestsSent
        self.requestsSucceeded = requestsSucceeded
        self.backend = backend
        self.topology = topology
    }

    /// Passed when it ran and no expectation failed (not-applicable ones neither pass nor fail it).
    public var passed: Bool { error == nil && !expectations.contains { $0.status == .failed } }

    public var failures: [ExpectationResult] { expectations.filter { $0.status == .failed } }
}
