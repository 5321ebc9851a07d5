import CelloOTLP
import Testing

@Suite("Hex")
struct HexTests {
    @Test("encodes lower-case and decodes either case")
    func roundTrip() throws {
        #expect(Hex.encode([0x00, 0xAB, 0xFF]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xAB, 0xFF])
    }

    @Test("refuses odd lengths and non-hex characters", arguments: ["abc", "0g", "  ", "-1"])
    func refuses(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
