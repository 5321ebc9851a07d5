import Testing

@testable import FakeCollector

@Suite("Gzip")
struct GzipTests {
    @Test("round-trips through the system zlib")
    func roundTrip() throws {
        let input = Array((0..<100_000).map { UInt8($0 % 251) })
        let compressed = try Gzip.compress(input)
        #expect(compressed.starts(with: [0x1F, 0x8B]))
        #expect(try Gzip.decompress(compressed, limit: 1 << 20) == input)
    }

    @Test("stops at the decompressed limit and rejects corrupt, truncated or trailing input")
    func failures() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(throws: Gzip.Failure.tooLarge) { try Gzip.decompress(bomb, limit: 1000) }
        let good = try Gzip.compress(Array("hello".utf8))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(good.dropLast(4), limit: 1000) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(good + [1, 2, 3], limit: 1000) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress([0x1F, 0x8B, 0, 0], limit: 1000) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress([], limit: 1000) }
    }
}
