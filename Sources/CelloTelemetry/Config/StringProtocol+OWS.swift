/// Optional-whitespace trimming for headers and OTEL_* values.
///
/// Spec: RFC 9110 section 5.6.3 (OWS).
extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingOWS() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
