import Testing

@testable import FakeCollector

@Suite("GRPCMessageReader")
struct GRPCMessageReaderTests {
    @Test("splits length-prefixed messages and keeps the compressed flag")
    func splits() throws {
        let body = GRPCMessageReader.frame([1, 2, 3]) + [1, 0, 0, 0, 1, 9]
        let messages = try GRPCMessageReader.split(body, maxMessageBytes: 100)
        #expect(messages.map { Array($0.bytes) } == [[1, 2, 3], [9]])
        #expect(messages.map(\.compressedFlag) == [0, 1])
        #expect(try GRPCMessageReader.split([], maxMessageBytes: 100).isEmpty)
    }

    @Test("reports a prefix longer than the body, a truncated prefix and an over-limit length")
    func failures() {
        #expect(throws: GRPCMessageReader.Failure.lengthBeyondBody(announced: 10, available: 2)) {
            try GRPCMessageReader.split([0, 0, 0, 0, 10, 1, 2], maxMessageBytes: 100)
        }
        #expect(throws: GRPCMessageReader.Failure.truncatedPrefix(available: 3)) {
            try GRPCMessageReader.split([0, 0, 0], maxMessageBytes: 100)
        }
        #expect(throws: GRPCMessageReader.Failure.tooLarge(announced: 1 << 24)) {
            try GRPCMessageReader.split([0, 1, 0, 0, 0], maxMessageBytes: 100)
        }
    }
}
