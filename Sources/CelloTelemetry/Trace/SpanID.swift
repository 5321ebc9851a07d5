/// An 8-byte span id.
///
/// Spec: docs/cello-telemetry.md section 2; https://www.w3.org/TR/trace-context-2/#parent-id
public struct SpanID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 8 bytes as a big-endian integer.
    public var value: UInt64

    /// Creates a span id from its big-endian integer value.
    public init(value: UInt64) {
        self.value = value
    }

    /// Creates a span id from exactly 8 bytes (big-endian); nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 8 else { return nil }
        var value: UInt64 = 0
        for b in bytes { value = value << 8 | UInt64(b) }
        self.init(value: value)
    }

    /// Parses exactly 16 lower-case hex digits; nil otherwise. An all-zero id parses; check `isValid`.
    public init?(hex: some StringProtocol) {
        let utf8 = hex.utf8
        guard utf8.count == 16, let value = Hex.parseUInt64(utf8) else { return nil }
        self.init(value: value)
    }

    /// The all-zero id, which W3C defines as invalid.
    public static let invalid = SpanID(value: 0)

    /// A random id, never all zero.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> SpanID {
        while true {
            let id = SpanID(value: generator.next())
            if id.isValid { return id }
        }
    }

    /// A random id from the system generator.
    public static func random() -> SpanID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// False for the all-zero id.
    public var isValid: Bool { value != 0 }

    /// The 8 bytes, big-endian.
    public var bytes: [UInt8] {
        stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: value >> UInt64($0)) }
    }

    /// 16 lower-case hex digits.
    public var hexString: String { Hex.string(value) }

    public var description: String { hexString }

    public static func < (lhs: SpanID, rhs: SpanID) -> Bool { lhs.value < rhs.value }
}
