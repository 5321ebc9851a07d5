/// Lower-case hexadecimal helpers shared by the id types and the propagators.
///
/// W3C Trace Context (https://www.w3.org/TR/trace-context-2/#traceparent-header-field-values) allows only
/// lower-case hex digits; `parseLowerHex` enforces that, `parseAnyCaseHex` is for formats that are lenient.
enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of one lower-case hex digit, or nil.
    @inline(__always)
    static func lowerNibble(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(c &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(c &- UInt8(ascii: "a") &+ 10)
        default: nil
        }
    }

    /// The value of one hex digit of either case, or nil.
    @inline(__always)
    static func anyNibble(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(c &- UInt8(ascii: "A") &+ 10)
        default: lowerNibble(c)
        }
    }

    /// Parses up to 16 hex digits into a UInt64; nil on an empty input, a bad digit or more than 16 digits.
    static func parseUInt64(_ utf8: some Collection<UInt8>, allowUpperCase: Bool = false) -> UInt64? {
        guard !utf8.isEmpty, utf8.count <= 16 else { return nil }
        var value: UInt64 = 0
        for c in utf8 {
            guard let n = allowUpperCase ? anyNibble(c) : lowerNibble(c) else { return nil }
            value = value << 4 | n
        }
        return value
    }

    /// Appends `value` as exactly 16 lower-case hex digits.
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var shift = 60
        while shift >= 0 {
            out.append(digits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }

    /// `value` as exactly `width` lower-case hex digits (width <= 16).
    static func string(_ value: UInt64, width: Int = 16) -> String {
        var out = [UInt8]()
        out.reserveCapacity(16)
        append(value, to: &out)
        return String(decoding: out.suffix(width), as: UTF8.self)
    }
}
