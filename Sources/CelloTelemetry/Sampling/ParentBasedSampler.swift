import Tracing

/// Follows the parent's sampled flag; a root asks `root`.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#parentbased; docs/cello-telemetry.md section 2
/// ("a request that arrives with a parent context follows the parent's sampled flag; a root decides once").
public struct ParentBasedSampler: Sampler {
    public var root: any Sampler
    public var remoteParentSampled: any Sampler
    public var remoteParentNotSampled: any Sampler
    public var localParentSampled: any Sampler
    public var localParentNotSampled: any Sampler

    public init(
        root: any Sampler,
        remoteParentSampled: any Sampler = AlwaysOnSampler(),
        remoteParentNotSampled: any Sampler = AlwaysOffSampler(),
        localParentSampled: any Sampler = AlwaysOnSampler(),
        localParentNotSampled: any Sampler = AlwaysOffSampler()
    ) {
        self.root = root
        self.remoteParentSampled = remoteParentSampled
        self.remoteParentNotSampled = remoteParentNotSampled
        self.localParentSampled = localParentSampled
        self.localParentNotSampled = localParentNotSampled
    }

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingResult {
        guard let parent, parent.isValid else {
            return root.shouldSample(parent: nil, traceID: traceID, name: name, kind: kind)
        }
        let delegate: any Sampler = switch (parent.isRemote, parent.isSampled) {
        case (true, true): remoteParentSampled
        case (true, false): remoteParentNotSampled
        case (false, true): localParentSampled
        case (false, false): localParentNotSampled
        }
        return delegate.shouldSample(parent: parent, traceID: traceID, name: name, kind: kind)
    }
}
