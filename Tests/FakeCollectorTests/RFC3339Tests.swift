import Testing

@testable import FakeCollector

@Suite("RFC3339")
struct RFC3339Tests {
    @Test("parses UTC, offsets and fractions into nanoseconds", arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2025-11-13T02:13:20Z", 1_763_000_000_000_000_000),
        ("2025-11-13T03:13:20+01:00", 1_763_000_000_000_000_000),
        ("2025-11-13T02:13:20.5Z", 1_763_000_000_500_000_000),
        ("2025-11-13T02:13:20.123456789Z", 1_763_000_000_123_456_789),
        ("1969-12-31T23:59:59Z", -1_000_000_000),
    ])
    func parses(_ text: String, _ nanos: Int64) {
        #expect(RFC3339.parseNanos(text) == nanos)
    }

    @Test("rejects what is not RFC 3339", arguments: [
        "", "2025-11-13", "2025-11-13T02:13:20", "2025-13-01T00:00:00Z", "2025-11-13T02:13:20.Z", "yesterday",
        "2025-11-13T02:13:20Zjunk",
    ])
    func rejects(_ text: String) {
        #expect(RFC3339.parseNanos(text) == nil)
    }

    @Test("formats with microseconds in UTC and reads back")
    func roundTrip() {
        let text = RFC3339.format(nanos: 1_763_000_000_123_456_000)
        #expect(text == "2025-11-13T02:13:20.123456Z")
        #expect(RFC3339.parseNanos(text) == 1_763_000_000_123_456_000)
    }
}
