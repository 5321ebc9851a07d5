/// The W3C `traceparent` header: parsing with the Level 2 rules and formatting.
///
/// Spec: https://www.w3.org/TR/trace-context-2/#traceparent-header (version 00 exactly 55 characters; a higher
/// version is parsed from its first 55 characters when the next one is "-"; version ff, upper-case hex and all-zero
/// ids are invalid).
enum TraceParent {
    static let length = 55

    /// The context the header holds (`isRemote` set), or nil when it is invalid.
    static func parse(_ header: some StringProtocol) -> SpanContext? {
        let utf8 = Array(header.utf8)
        guard utf8.count >= length,
              utf8[2] == UInt8(ascii: "-"), utf8[35] == UInt8(ascii: "-"), utf8[52] == UInt8(ascii: "-"),
              let version = Hex.parseUInt64(utf8[0..<2]), version != 0xFF
        else { return nil }
        if version == 0 {
            guard utf8.count == length else { return nil }
        } else if utf8.count > length {
            guard utf8[length] == UInt8(ascii: "-") else { return nil }
        }
        guard let hi = Hex.parseUInt64(utf8[3..<19]), let lo = Hex.parseUInt64(utf8[19..<35]),
              let span = Hex.parseUInt64(utf8[36..<52]), let flags = Hex.parseUInt64(utf8[53..<55])
        else { return nil }
        let context = SpanContext(
            traceID: TraceID(hi: hi, lo: lo), spanID: SpanID(value: span),
            traceFlags: TraceFlags(rawValue: UInt8(flags)).intersection([.sampled, .random]), isRemote: true)
        return context.isValid ? context : nil
    }

    /// `00-{trace}-{span}-{flags}`; flag bits Level 2 does not define are written as zero, as it requires.
    static func format(_ context: SpanContext) -> String {
        var out = [UInt8]()
        out.reserveCapacity(length)
        out.append(contentsOf: "00-".utf8)
        Hex.append(context.traceID.hi, to: &out)
        Hex.append(context.traceID.lo, to: &out)
        out.append(UInt8(ascii: "-"))
        Hex.append(context.spanID.value, to: &out)
        out.append(UInt8(ascii: "-"))
        let flags = context.traceFlags.intersection([.sampled, .random]).rawValue
        out.append(Hex.digits[Int(flags >> 4)])
        out.append(Hex.digits[Int(flags & 0xF)])
        return String(decoding: out, as: UTF8.self)
    }
}
