import CelloTelemetry
import Testing
import Tracing

@Suite("TraceIDRatioSampler")
struct TraceIDRatioSamplerTests {
    @Test(
        "the threshold is round((1 - p) * 2^56), written with trailing zeros trimmed",
        arguments: [
            (1.0, UInt64(0), "0"),
            (0.5, UInt64(1) << 55, "8"),
            (0.25, UInt64(0xC0_0000_0000_0000), "c"),
            (0.75, UInt64(0x40_0000_0000_0000), "4"),
            (0.1, UInt64(0xE6_6666_6666_6666), "e6666666666666"),
            (1.0 / 3.0, UInt64(0xAA_AAAA_AAAA_AAAC), "aaaaaaaaaaaaac"),
        ])
    func threshold(_ p: Double, _ expected: UInt64, _ hex: String) {
        let sampler = TraceIDRatioSampler(probability: p)
        #expect(sampler.threshold == expected)
        #expect(sampler.thresholdHex == hex)
    }

    private func decide(_ sampler: TraceIDRatioSampler, low56: UInt64, state: TraceState = TraceState()) -> SamplingResult {
        let trace = TraceID(hi: 0x1234, lo: 0xAB00_0000_0000_0000 | low56)
        let parent = SpanContext(traceID: trace, spanID: SpanID(value: 1), traceState: state)
        return sampler.shouldSample(parent: state.isEmpty ? nil : parent, traceID: trace, name: "x", kind: .internal)
    }

    @Test("sample iff R >= T on the low 56 bits, recording ot=th")
    func boundary() {
        let sampler = TraceIDRatioSampler(probability: 0.5)
        let at = decide(sampler, low56: 1 << 55)
        #expect(at.decision == .recordAndSample)
        #expect(at.traceState["ot"] == "th:8")
        let below = decide(sampler, low56: (1 << 55) - 1)
        #expect(below.decision == .drop)
        #expect(below.traceState["ot"] == nil)
    }

    @Test("p = 0 samples nothing, p = 1 samples everything")
    func extremes() {
        let none = TraceIDRatioSampler(probability: 0)
        let all = TraceIDRatioSampler(probability: 1)
        let lows: [UInt64] = [0, 1, (1 << 56) - 1, 1 << 55]
        for low in lows {
            #expect(decide(none, low56: low).decision == .drop)
            #expect(decide(all, low56: low).decision == .recordAndSample)
        }
    }

    @Test("explicit rv randomness in tracestate is used, and other ot entries are kept")
    func explicitRandomness() throws {
        let sampler = TraceIDRatioSampler(probability: 0.5)
        let state = try #require(TraceState(header: "ot=rv:ffffffffffffff;th:0,other=1"))
        let result = decide(sampler, low56: 0, state: state)
        #expect(result.decision == .recordAndSample)
        #expect(result.traceState["ot"] == "rv:ffffffffffffff;th:8")
        #expect(result.traceState["other"] == "1")
        let low = try #require(TraceState(header: "ot=rv:00000000000000;th:0"))
        let dropped = decide(sampler, low56: (1 << 56) - 1, state: low)
        #expect(dropped.decision == .drop)
        #expect(dropped.traceState["ot"] == "rv:00000000000000")
    }

    /// 99.9% two-sided normal quantile.
    static let z999 = 3.2905

    @Test("kept fraction of 100,000 random trace ids is inside the binomial 99.9% interval",
          arguments: [0.01, 0.1, 0.25, 0.5, 0.9])
    func keptFraction(_ p: Double) {
        let n = 100_000
        let sampler = TraceIDRatioSampler(probability: p)
        var generator = SplitMix64(seed: UInt64(p * 1_000_003) &+ 0x5EED)
        var kept = 0
        for _ in 0..<n {
            let id = TraceID.random(using: &generator)
            if sampler.shouldSample(parent: nil, traceID: id, name: "s", kind: .server).decision.isSampled { kept += 1 }
        }
        let mean = Double(n) * p
        let slack = Self.z999 * (Double(n) * p * (1 - p)).squareRoot()
        #expect(Double(kept) >= mean - slack && Double(kept) <= mean + slack, "kept \(kept) of \(n) at p=\(p)")
    }

    @Test("two samplers at the same rate agree on every trace id")
    func consistentAcrossInstances() {
        let a = TraceIDRatioSampler(probability: 0.3)
        let b = TraceIDRatioSampler(probability: 0.3)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let id = TraceID.random(using: &generator)
            #expect(
                a.shouldSample(parent: nil, traceID: id, name: "a", kind: .server).decision
                    == b.shouldSample(parent: nil, traceID: id, name: "b", kind: .client).decision)
        }
    }
}

/// A fast seeded generator, so 100,000 draws per rate stay cheap in a debug build.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
