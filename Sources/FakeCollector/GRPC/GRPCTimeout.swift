/// The `grpc-timeout` header: 1 to 8 ASCII digits and a unit H, M, S, m, u or n
/// (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, Requests).
enum GRPCTimeout {
    /// The timeout in milliseconds, or nil when the value breaks the syntax.
    static func parseMilliseconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 9 else { return nil }
        let digits = bytes.dropLast()
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let value = Double(digits.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        switch bytes.last {
        case UInt8(ascii: "H"): return value * 3_600_000
        case UInt8(ascii: "M"): return value * 60_000
        case UInt8(ascii: "S"): return value * 1000
        case UInt8(ascii: "m"): return value
        case UInt8(ascii: "u"): return value / 1000
        case UInt8(ascii: "n"): return value / 1_000_000
        default: return nil
        }
    }
}
