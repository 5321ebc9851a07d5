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
