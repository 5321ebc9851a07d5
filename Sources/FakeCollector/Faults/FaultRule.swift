/// One rule of a ``FaultPlan``: an action, when it applies and its parameters (docs/harness-api.md, fault plans).
public struct FaultRule: Sendable, Hashable, Codable {
    public var action: FaultAction
    /// Applies to the next `count` requests of the receiver; nil = every request (subject to `probability`).
    public var count: Int?
    /// Lets the first `after` requests that reach this rule through untouched (they neither use up `count` nor draw
    /// for `probability`); nil or 0 = the rule applies from the first request. E.g. `after: 1` stalls an export
    /// only once a first one has been answered.
    public var after: Int?
    /// Applies with this probability (0...1), drawn from a generator seeded with `seed`.
    public var probability: Double?
    public var seed: UInt64?
    public var delayMs: Int?
    public var grpcStatus: Int?
    public var httpStatus: Int?
    public var retryDelayMs: Int?
    public var retryAfterSeconds: Int?
    public var rejectSpans: Int?
    public var errorCode: UInt32?
    public var message: String?

    public init(action: FaultAction, count: Int? = nil, after: Int? = nil, probability: Double? = nil,
                seed: UInt64? = nil, delayMs: Int? = nil, grpcStatus: Int? = nil, httpStatus: Int? = nil, retryDelayMs: Int? = nil,
                retryAfterSeconds: Int? = nil, rejectSpans: Int? = nil, errorCode: UInt32? = nil,
                message: String? = nil) {
        self.action = action
        self.count = count
        self.after = after
        self.probability = probability
        self.seed = seed
        self.delayMs = delayMs
        self.grpcStatus = grpcStatus
        self.httpStatus = httpStatus
        self.retryDelayMs = retryDelayMs
        self.retryAfterSeconds = retryAfterSeconds
        self.rejectSpans = rejectSpans
        self.errorCode = errorCode
        self.message = message
    }

    /// Checks the parameters the action needs; `receiver` decides which status field is required.
    func validate(for receiver: ReceiverKind) throws(FakeCollectorError) {
        func fail(_ text: String) -> FakeCollectorError {
            FakeCollectorError(code: .invalidFaultPlan, message: "\(receiver.rawValue) \(action.rawValue): \(text)")
        }
        if let count, count < 1 { throw fail("count must be >= 1, got \(count)") }
        if let after, after < 0 { throw fail("after must be >= 0, got \(after)") }
        if let probability, !(0...1).contains(probability) { throw fail("probability must be within 0...1") }
        if let delayMs, delayMs < 0 { throw fail("delayMs must be >= 0") }
        switch action {
        case .delay where delayMs == nil:
            throw fail("delay needs delayMs")
        case .status where receiver == .grpc:
            guard let grpcStatus, (1...16).contains(grpcStatus) else { throw fail("status needs grpcStatus 1...16") }
        case .status:
            guard let httpStatus, (400...599).contains(httpStatus) else { throw fail("status needs httpStatus 400...599") }
        case .partial:
            guard let rejectSpans, rejectSpans >= 1 else { throw fail("partial needs rejectSpans >= 1") }
        default:
            break
        }
    }
}
