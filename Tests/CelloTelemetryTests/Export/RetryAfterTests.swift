@testable import CelloTelemetry
import Testing

@Suite("RetryAfter")
struct RetryAfterTests {
    // 1994-11-06T08:49:37Z, the RFC 9110 example date.
    let exampleDate: Int64 = 784_111_777

    @Test("reads delay-seconds", arguments: [("0", Int64(0)), ("1", 1), (" 120 ", 120)])
    func seconds(header: String, expected: Int64) {
        #expect(RetryAfter.delay(header: header, nowUnixSeconds: 0) == .seconds(expected))
    }

    @Test("reads the three HTTP-date forms", arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ])
    func httpDates(header: String) {
        #expect(RetryAfter.httpDate(header) == exampleDate)
        #expect(RetryAfter.delay(header: header, nowUnixSeconds: Double(exampleDate - 5)) == .seconds(5))
    }

    @Test("a date in the past means retry now")
    func pastDate() {
        #expect(RetryAfter.delay(header: "Sun, 06 Nov 1994 08:49:37 GMT", nowUnixSeconds: 1e9) == .zero)
    }

    @Test("refuses what is neither form", arguments: ["", "-1", "1.5", "soon", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"])
    func garbage(header: String) {
        #expect(RetryAfter.delay(header: header, nowUnixSeconds: 0) == nil)
    }

    @Test("computes leap days and the epoch right")
    func calendar() {
        #expect(RetryAfter.httpDate("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(RetryAfter.httpDate("Thu, 29 Feb 2024 12:00:00 GMT") == 1_709_208_000)
    }
}
