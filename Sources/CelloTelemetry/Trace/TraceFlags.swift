/// The W3C trace-flags byte.
///
/// Spec: https://www.w3.org/TR/trace-context-2/#trace-flags (bit 0 sampled, bit 1 random).
public struct TraceFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The caller may have recorded this trace.
    public static let sampled = TraceFlags(rawValue: 0x01)
    /// The right-most 7 bytes of the trace id are random (W3C Level 2).
    public static let random = TraceFlags(rawValue: 0x02)

    /// Two lower-case hex digits, as in traceparent.
    public var hexString: String { Hex.string(UInt64(rawValue), width: 2) }
}
