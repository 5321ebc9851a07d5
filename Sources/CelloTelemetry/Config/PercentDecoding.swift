/// `%XX` decoding as used by W3C baggage values and the OTEL_* key/value lists.
///
/// Spec: https://www.w3.org/TR/baggage/#value
enum PercentDecoding {
    /// The decoded string, or nil for a broken escape or bytes that are not UTF-8.
    static func decode(_ text: some StringProtocol) -> String? {
        guard text.contains("%") else { return String(text) }
        var out: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let c = bytes.next() {
            if c == UInt8(ascii: "%") {
                guard let h = bytes.next(), let l = bytes.next(),
                      let hn = Hex.anyNibble(h), let ln = Hex.anyNibble(l)
                else { return nil }
                out.append(UInt8(hn << 4 | ln))
            } else {
                out.append(c)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Encodes everything outside the baggage `baggage-octet` set (and "%") as `%XX`.
    static func encodeBaggageValue(_ text: String) -> String {
        var out: [UInt8] = []
        for c in text.utf8 {
            let plain = c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B)
                || (c >= 0x5D && c <= 0x7E)
            if plain && c != UInt8(ascii: "%") {
                out.append(c)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(contentsOf: Hex.string(UInt64(c), width: 2).uppercased().utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
