/// Parses the HTTP `Retry-After` header a collector sends with 429 or 503.
///
/// Spec: https://opentelemetry.io/docs/specs/otlp/#otlphttp-throttling and RFC 9110 section 10.2.3: either
/// delay-seconds (a non-negative integer) or an HTTP-date (IMF-fixdate, with the obsolete RFC 850 and asctime
/// forms accepted as RFC 9110 section 5.6.7 asks of recipients).
enum RetryAfter {
    /// The wait the header asks for, nil when it is neither form. A date in the past means "now" (zero).
    /// - Parameter nowUnixSeconds: the current wall-clock time, seconds since 1970 (injected for tests).
    static func delay(header: String, nowUnixSeconds: Double) -> Duration? {
        let trimmed = header.trimmingSpaces()
        if let seconds = Int64(trimmed), seconds >= 0 {
            return .seconds(seconds)
        }
        guard let date = httpDate(trimmed) else { return nil }
        let wait = Double(date) - nowUnixSeconds
        return wait > 0 ? .nanoseconds(Int64((wait * 1e9).rounded())) : .zero
    }

    /// Seconds since 1970 of an HTTP-date in any of its three forms.
    static func httpDate(_ text: String) -> Int64? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        switch tokens.count {
        case 6 where tokens[5] == "GMT":  // Sun, 06 Nov 1994 08:49:37 GMT
            return timestamp(day: tokens[1], month: tokens[2], year: tokens[3], time: tokens[4])
        case 4 where tokens[3] == "GMT":  // Sunday, 06-Nov-94 08:49:37 GMT
            let parts = tokens[1].split(separator: "-").map(String.init)
            guard parts.count == 3, let shortYear = Int(parts[2]), parts[2].count == 2 else { return nil }
            // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
            let year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear
            return timestamp(day: parts[0], month: parts[1], year: String(year), time: tokens[2])
        case 5:  // Sun Nov  6 08:49:37 1994
            return timestamp(day: tokens[2], month: tokens[1], year: tokens[4], time: tokens[3])
        default:
            return nil
        }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func timestamp(day: String, month: String, year: String, time: String) -> Int64? {
        let clock = time.split(separator: ":")
        guard let d = Int(day), (1...31).contains(d),
              let m = months.firstIndex(of: month),
              let y = Int(year), (1970...9999).contains(y),
              clock.count == 3,
              let hh = Int(clock[0]), (0...23).contains(hh),
              let mm = Int(clock[1]), (0...59).contains(mm),
              let ss = Int(clock[2]), (0...60).contains(ss)
        else { return nil }
        let days = daysSinceEpoch(year: y, month: m + 1, day: d)
        return days * 86_400 + Int64(hh * 3600 + mm * 60 + ss)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
