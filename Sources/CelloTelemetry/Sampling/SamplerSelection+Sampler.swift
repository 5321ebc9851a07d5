/// Builds the sampler a configuration names.
///
/// Spec: docs/cello-telemetry.md section 2 (`samplingRate` builds ParentBased(root: ratio sampler)).
extension SamplerSelection {
    /// The sampler for this selection.
    public func makeSampler() -> any Sampler {
        let rootSampler: any Sampler = switch root {
        case .alwaysOn: AlwaysOnSampler()
        case .alwaysOff: AlwaysOffSampler()
        case .ratio(let p): TraceIDRatioSampler(probability: p)
        }
        return parentBased ? ParentBasedSampler(root: rootSampler) : rootSampler
    }
}
