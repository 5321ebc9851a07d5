import Synchronization

/// Fast, lock-free randomness for trace and span ids: SplitMix64 over an atomic counter seeded from the system
/// generator. Uniform 64-bit outputs (so the low 56 bits the ratio sampler reads are uniform), without a system
/// call per id.
///
/// Spec: docs/cello-telemetry.md section 2 (random ids; W3C Level 2 "random" flag);
/// https://www.w3.org/TR/trace-context-2/#considerations-for-trace-id-field-generation
final class IDRandomSource: Sendable {
    private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
    private let state: Atomic<UInt64>

    init(seed: UInt64? = nil) {
        var system = SystemRandomNumberGenerator()
        state = Atomic(seed ?? system.next())
    }

    /// The next 64 random bits.
    @inline(__always)
    func next() -> UInt64 {
        var z = state.wrappingAdd(Self.gamma, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A `RandomNumberGenerator` view for `TraceID.random(using:)` and `SpanID.random(using:)`.
    struct Generator: RandomNumberGenerator {
        let source: IDRandomSource

        @inline(__always)
        mutating func next() -> UInt64 { source.next() }
    }

    var generator: Generator { Generator(source: self) }
}
