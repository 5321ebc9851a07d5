import Foundation

/// Escaping for the HTML reports: every piece of text from a run (span names, attributes, service output,
/// evidence) goes through `escape` before it reaches the page, in element content and in attribute values alike.
enum HTMLText {
    /// Escapes `& < > " '`; control characters other than tab and newline (ANSI colour codes in service output,
    /// NUL, ...) become U+FFFD so the page stays well formed.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case "\r": break
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A fragment identifier made of `prefix` and only the letters, digits and `-` of `text`, so it is safe in
    /// `id` and `href="#..."` without further escaping.
    static func anchor(_ prefix: String, _ text: String) -> String {
        let kept = text.unicodeScalars.filter {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        return prefix + String(String.UnicodeScalarView(kept.prefix(64)))
    }

    /// Milliseconds for people: `0.25 ms`, `12.3 ms`, `1.25 s` from a second on.
    static func duration(ms: Double) -> String {
        if ms >= 1000 { return String(format: "%.2f s", ms / 1000) }
        return String(format: ms < 1 ? "%.2f ms" : "%.1f ms", ms)
    }
}
