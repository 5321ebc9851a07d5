import Tracing

/// Decides at span start whether a span records and whether its trace is sampled.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#sampler; cello-telemetry.md section 2.
public protocol Sampler: Sendable {
    /// - Parameters:
    ///   - parent: the parent's context, nil for a new root.
    ///   - traceID: the trace id the span will have (the parent's, or a fresh one).
    /// - Returns: the decision and the tracestate the new span carries.
    func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingResult
}

/// What a ``Sampler`` decided.
public struct SamplingResult: Sendable, Hashable {
    public var decision: SamplingDecision
    /// The tracestate of the new span (the parent's, possibly updated).
    public var traceState: TraceState

    public init(decision: SamplingDecision, traceState: TraceState) {
        self.decision = decision
        self.traceState = traceState
    }
}

/// DROP, RECORD_ONLY or RECORD_AND_SAMPLE.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#shouldsample
public struct SamplingDecision: Sendable, Hashable, CustomStringConvertible {
    private enum Backing: String, Sendable, Hashable {
        case drop, recordOnly, recordAndSample
    }

    private let backing: Backing

    /// Not recorded, not sampled: a non-recording span that still propagates.
    public static let drop = SamplingDecision(backing: .drop)
    /// Recorded but not exported, sampled flag unset.
    public static let recordOnly = SamplingDecision(backing: .recordOnly)
    /// Recorded and exported, sampled flag set.
    public static let recordAndSample = SamplingDecision(backing: .recordAndSample)

    public var isRecording: Bool { backing != .drop }
    public var isSampled: Bool { backing == .recordAndSample }

    public var description: String { backing.rawValue }
}
