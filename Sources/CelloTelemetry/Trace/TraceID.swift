/// A 16-byte trace id.
///
/// Spec: docs/cello-telemetry.md section 2 ("16 random bytes, never all zero");
/// https://www.w3.org/TR/trace-context-2/#trace-id
public struct TraceID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The most significant 8 bytes (big-endian).
    public var hi: UInt64
    /// The least significant 8 bytes (big-endian); its low 56 bits are the randomness the ratio sampler reads.
    public var lo: UInt64

    /// Creates a trace id from its two big-endian halves.
    public init(hi: UInt64, lo: UInt64) {
        self.hi = hi
        self.lo = lo
    }

    /// Creates a trace id from exactly 16 bytes (big-endian, as on the wire in OTLP); nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { hi = hi << 8 | UInt64(b) } else { lo = lo << 8 | UInt64(b) }
        }
        self.init(hi: hi, lo: lo)
    }

    /// Parses exactly 32 lower-case hex digits; nil otherwise. An all-zero id parses; check `isValid`.
    public init?(hex: some StringProtocol) {
        let utf8 = hex.utf8
        guard utf8.count == 32,
              let hi = Hex.parseUInt64(utf8.prefix(16)),
              let lo = Hex.parseUInt64(utf8.dropFirst(16))
        else { return nil }
        self.init(hi: hi, lo: lo)
    }

    /// The all-zero id, which W3C defines as invalid.
    public static let invalid = TraceID(hi: 0, lo: 0)

    /// A random id, never all zero.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> TraceID {
        while true {
            let id = TraceID(hi: generator.next(), lo: generator.next())
            if id.isValid { return id }
        }
    }

    /// A random id from the system generator.
    public static func random() -> TraceID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// False for the all-zero id.
    public var isValid: Bool { hi != 0 || lo != 0 }

    /// The 16 bytes, big-endian.
    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: hi >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: lo >> UInt64(shift))) }
        return out
    }

    /// 32 lower-case hex digits.
    public var hexString: String {
        var out = [UInt8]()
        out.reserveCapacity(32)
        Hex.append(hi, to: &out)
        Hex.append(lo, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hexString }

    public static func < (lhs: TraceID, rhs: TraceID) -> Bool {
        (lhs.hi, lhs.lo) < (rhs.hi, rhs.lo)
    }
}
