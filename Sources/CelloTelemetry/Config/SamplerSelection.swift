/// The sampler the configuration asks for.
///
/// Spec: docs/cello-telemetry.md section 2 (`samplingRate` builds ParentBased(ratio)); OTEL_TRACES_SAMPLER values at
/// https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration.
public struct SamplerSelection: Sendable, Hashable, CustomStringConvertible {
    enum Root: Sendable, Hashable {
        case alwaysOn, alwaysOff, ratio(Double)
    }

    let root: Root
    let parentBased: Bool

    /// `always_on`.
    public static let alwaysOn = SamplerSelection(root: .alwaysOn, parentBased: false)
    /// `always_off`.
    public static let alwaysOff = SamplerSelection(root: .alwaysOff, parentBased: false)
    /// `traceidratio` with probability `p`.
    public static func traceIDRatio(_ p: Double) -> SamplerSelection { .init(root: .ratio(p), parentBased: false) }
    /// `parentbased_always_on`.
    public static let parentBasedAlwaysOn = SamplerSelection(root: .alwaysOn, parentBased: true)
    /// `parentbased_always_off`.
    public static let parentBasedAlwaysOff = SamplerSelection(root: .alwaysOff, parentBased: true)
    /// `parentbased_traceidratio` with probability `p` (what `samplingRate` builds).
    public static func parentBasedTraceIDRatio(_ p: Double) -> SamplerSelection {
        .init(root: .ratio(p), parentBased: true)
    }

    /// The probability a root trace is kept.
    public var rootProbability: Double {
        switch root {
        case .alwaysOn: 1
        case .alwaysOff: 0
        case .ratio(let p): p
        }
    }

    /// True when a parent's sampled flag decides for children.
    public var isParentBased: Bool { parentBased }

    public var description: String {
        let rootName = switch root {
        case .alwaysOn: "always_on"
        case .alwaysOff: "always_off"
        case .ratio(let p): "traceidratio(\(p))"
        }
        return parentBased ? "parentbased_\(rootName)" : rootName
    }
}
