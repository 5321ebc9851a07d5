import Tracing

/// The consistent-probability ratio sampler: every SDK using it keeps the same traces for the same probability.
///
/// R = the explicit `rv` randomness in the `ot` tracestate entry if present, else the least significant 56 bits of
/// the trace id; T = round((1 - p) * 2^56); sample iff R >= T. A sampled span records `ot=th:<T>` (14 hex digits,
/// trailing zeros removed, "0" for p = 1); an unsampled one carries no `th`.
///
/// Spec: docs/cello-telemetry.md section 2;
/// https://opentelemetry.io/docs/specs/otel/trace/tracestate-probability-sampling/#sampling-threshold-value-th
public struct TraceIDRatioSampler: Sampler {
    /// 2^56, the size of the randomness space.
    static let randomnessSpace: Double = 0x1p56
    static let randomnessMask: UInt64 = (1 << 56) - 1

    /// The probability, 0...1.
    public let probability: Double
    /// The rejection threshold; 2^56 (never sample) for p = 0.
    public let threshold: UInt64
    /// The `th` value written for sampled spans.
    public let thresholdHex: String
    /// The tracestate of a sampled root (`ot=th:<T>`), built once.
    private let sampledRootState: TraceState

    /// - Precondition: `probability` is finite and within 0...1 (validated by the configuration).
    public init(probability: Double) {
        precondition(probability.isFinite && probability >= 0 && probability <= 1, "probability must be within 0...1")
        self.probability = probability
        // p * 2^56 is exact in binary floating point, (1 - p) is not: T = 2^56 - round(p * 2^56).
        self.threshold = (1 << 56) - UInt64((probability * Self.randomnessSpace).rounded())
        self.thresholdHex = Self.encodeThreshold(threshold)
        var rootState = TraceState()
        rootState.set("th:" + thresholdHex, forKey: "ot")
        self.sampledRootState = rootState
    }

    /// 14 hex digits with trailing zeros trimmed ("0" when zero).
    static func encodeThreshold(_ threshold: UInt64) -> String {
        var digits = Substring(Hex.string(threshold & randomnessMask, width: 14))
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        return String(digits)
    }

    /// The 56-bit randomness of a trace: `rv` from the `ot` tracestate entry, else the trace id's low 56 bits.
    static func randomness(traceID: TraceID, traceState: TraceState) -> UInt64 {
        if let ot = traceState["ot"], let rv = OTTraceStateValue(ot)["rv"], rv.utf8.count == 14,
           let value = Hex.parseUInt64(rv.utf8)
        {
            return value
        }
        return traceID.lo & randomnessMask
    }

    /// True iff the trace with this randomness is kept.
    func keeps(randomness: UInt64) -> Bool {
        threshold < (1 << 56) && randomness >= threshold
    }

    public func shouldSample(parent: SpanContext?, traceID: TraceID, name: String, kind: SpanKind) -> SamplingResult {
        var traceState = parent?.traceState ?? TraceState()
        if traceState.isEmpty {
            // The common root case: nothing to merge with.
            let sampled = keeps(randomness: traceID.lo & Self.randomnessMask)
            return SamplingResult(
                decision: sampled ? .recordAndSample : .drop, traceState: sampled ? sampledRootState : traceState)
        }
        let sampled = keeps(randomness: Self.randomness(traceID: traceID, traceState: traceState))
        var ot = OTTraceStateValue(traceState["ot"] ?? "")
        ot["th"] = sampled ? thresholdHex : nil
        if let value = ot.encoded {
            traceState.set(value, forKey: "ot")
        } else {
            traceState.removeValue(forKey: "ot")
        }
        return SamplingResult(decision: sampled ? .recordAndSample : .drop, traceState: traceState)
    }
}
