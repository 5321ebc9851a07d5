/// What must hold after a scenario ran; each present expectation becomes one checked result in the report.
///
/// cello-telemetry.md section 7 (shared trace, attributes, propagation, sampling, batching, export timeout) and
/// issue 7 (nothing lost, requests not slowed).
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

/// Spans still queued at shutdown are exported by it: no trace export arrives before the first SIGTERM and at
/// least one arrives after it (pair with `noLoss` for the count). cello-telemetry.md section 4 (shutdown).
public struct ShutdownFlushExpectation: Sendable, Hashable {
    public init() {}
}

/// Every span caused by one request shares its trace id and the spans form the listed parent chain.
public struct SharedTraceExpectation: Sendable, Hashable {
    /// The chain from the root, e.g. `A server`, `A client`, `B server`, ...: each one's parent is the one before.
    public var chain: [SpanSelector]
    public init(chain: [SpanSelector]) { self.chain = chain }
}

/// Picks spans by service and kind (`"B client"`), optionally by name.
public struct SpanSelector: Sendable, Hashable, CustomStringConvertible {
    public var service: String
    /// OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
    public var kind: Int
    public var name: String?

    public init(service: String, kind: Int, name: String? = nil) {
        self.service = service
        self.kind = kind
        self.name = name
    }

    /// Kind names accepted after the service name.
    public static let kindNames = ["internal": 1, "server": 2, "client": 3, "producer": 4, "consumer": 5]

    public var kindName: String { Self.kindNames.first { $0.value == kind }?.key ?? "kind\(kind)" }

    public var description: String { "\(service) \(kindName)" + (name.map { " \"\($0)\"" } ?? "") }
}

/// The exact attribute set of the spans a selector picks.
public struct AttributeExpectation: Sendable, Hashable {
    public var span: SpanSelector
    /// When true, no attribute outside `attributes` may be present.
    public var exact: Bool
    public var attributes: [String: AttributeRule]

    public init(span: SpanSelector, exact: Bool = true, attributes: [String: AttributeRule]) {
        self.span = span
        self.exact = exact
        self.attributes = attributes
    }
}

/// One attribute: its value type and, when fixed, its value (compared as text).
public struct AttributeRule: Sendable, Hashable {
    /// `string`, `int`, `double`, `bool` or `array`.
    public var type: String
    public var value: String?
    /// When true the attribute may be absent (conditionally required, e.g. `user_agent.original`).
    public var optional: Bool
    public init(type: String, value: String? = nil, optional: Bool = false) {
        self.type = type
        self.value = value
        self.optional = optional
    }
    public static let typeNames = ["string", "int", "double", "bool", "array"]
}

/// The headers seen between hops carry exactly the configured format.
public struct PropagationExpectation: Sendable, Hashable {
    public var format: PropagationFormat
    public init(format: PropagationFormat) { self.format = format }
}

/// Over N roots the kept fraction lies in the binomial 99.9% interval and every hop agrees.
public struct SamplingExpectation: Sendable, Hashable {
    public var rate: Double
    public init(rate: Double) { self.rate = rate }
}

/// No export request over `maxBatchSize`; full batches are sent when enough spans wait.
public struct BatchingExpectation: Sendable, Hashable {
    public var maxBatchSize: Int
    public var fullBatches: Bool
    public init(maxBatchSize: Int, fullBatches: Bool = true) {
        self.maxBatchSize = maxBatchSize
        self.fullBatches = fullBatches
    }
}

/// Against a stalled collector the exporter gives up at `timeoutMs` (± tolerance, measured at the collector).
public struct ExportTimeoutExpectation: Sendable, Hashable {
    public var timeoutMs: Int
    public var toleranceMs: Int
    /// The longest a traffic request may take while exports stall (the service is not slowed).
    public var maxRequestMs: Int
    public init(timeoutMs: Int, toleranceMs: Int = 250, maxRequestMs: Int = 1000) {
        self.timeoutMs = timeoutMs
        self.toleranceMs = toleranceMs
        self.maxRequestMs = maxRequestMs
    }
}

/// Every span the traffic caused reaches the collector exactly once.
public struct NoLossExpectation: Sendable, Hashable {
    /// Spans each request causes across all services (e.g. 5 for A -> B -> C).
    public var spansPerRequest: Int
    public init(spansPerRequest: Int) { self.spansPerRequest = spansPerRequest }
}

/// What the collector saw on the wire: protocol, compression and no violation findings.
public struct WireExpectation: Sendable, Hashable {
    public var exportProtocol: String?
    public var compression: String?
    public var noViolations: Bool
    public init(exportProtocol: String? = nil, compression: String? = nil, noViolations: Bool = true) {
        self.exportProtocol = exportProtocol
        self.compression = compression
        self.noViolations = noViolations
    }
}

/// The traffic itself: every request answered with a 2xx, none slower than `maxLatencyMs`.
public struct RequestsExpectation: Sendable, Hashable {
    public var maxLatencyMs: Int?
    public init(maxLatencyMs: Int? = nil) { self.maxLatencyMs = maxLatencyMs }
}
