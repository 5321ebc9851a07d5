import CelloTelemetry
import Testing
import Tracing

@Suite("ParentBasedSampler")
struct ParentBasedSamplerTests {
    let sampler = ParentBasedSampler(root: AlwaysOffSampler())

    @Test("a root asks the root sampler")
    func root() {
        #expect(sampler.shouldSample(parent: nil, traceID: Fixtures.traceID, name: "r", kind: .server).decision == .drop)
        let on = ParentBasedSampler(root: AlwaysOnSampler())
        #expect(on.shouldSample(parent: nil, traceID: Fixtures.traceID, name: "r", kind: .server).decision.isSampled)
    }

    @Test("a parent's sampled flag decides, remote or local", arguments: [true, false])
    func followsParent(_ remote: Bool) {
        let sampled = Fixtures.context(sampled: true, remote: remote)
        let unsampled = Fixtures.context(sampled: false, remote: remote)
        #expect(sampler.shouldSample(parent: sampled, traceID: sampled.traceID, name: "c", kind: .client)
            .decision == .recordAndSample)
        #expect(sampler.shouldSample(parent: unsampled, traceID: unsampled.traceID, name: "c", kind: .client)
            .decision == .drop)
    }

    @Test("the parent's tracestate is kept")
    func keepsTraceState() throws {
        let state = try #require(TraceState(header: "ot=th:8,vendor=1"))
        let parent = Fixtures.context(sampled: true, remote: true, traceState: state)
        #expect(sampler.shouldSample(parent: parent, traceID: parent.traceID, name: "c", kind: .client)
            .traceState == state)
    }

    @Test("the selection of a configuration builds the matching sampler")
    func selection() {
        #expect(SamplerSelection.parentBasedTraceIDRatio(0.5).makeSampler() is ParentBasedSampler)
        #expect(SamplerSelection.traceIDRatio(0.5).makeSampler() is TraceIDRatioSampler)
        #expect(SamplerSelection.alwaysOff.makeSampler() is AlwaysOffSampler)
        #expect(SamplerSelection.alwaysOn.makeSampler() is AlwaysOnSampler)
    }
}
