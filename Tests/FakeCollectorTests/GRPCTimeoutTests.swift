import Testing

@testable import FakeCollector

@Suite("GRPCTimeout")
struct GRPCTimeoutTests {
    @Test("parses every unit into milliseconds", arguments: [
        ("1H", 3_600_000.0), ("2M", 120_000), ("5S", 5_000), ("250m", 250), ("1500u", 1.5), ("2000000n", 2),
        ("99999999m", 99_999_999),
    ])
    func valid(_ text: String, _ milliseconds: Double) {
        #expect(GRPCTimeout.parseMilliseconds(text) == milliseconds)
    }

    @Test("rejects values outside 1-8 digits and a known unit", arguments: [
        "", "S", "123456789S", "10s", "1.5S", "-1S", "10", " 1S",
    ])
    func invalid(_ text: String) {
        #expect(GRPCTimeout.parseMilliseconds(text) == nil)
    }
}
