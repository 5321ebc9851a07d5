@testable import HTTP2Wire
import Testing

@Suite("HTTP2FrameBoundary")
struct HTTP2FrameBoundaryTests {
    private func boundary(after chunks: [[UInt8]]) -> HTTP2FrameBoundary {
        var boundary = HTTP2FrameBoundary()
        for chunk in chunks { chunk.withUnsafeBytes { boundary.consume($0) } }
        return boundary
    }

    private let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
    private let settings: [UInt8] = [0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100]

    @Test("nothing received is a boundary")
    func empty() {
        #expect(boundary(after: []).isAtFrameBoundary)
    }

    @Test("a partial preface is not a boundary")
    func partialPreface() {
        let tracker = boundary(after: [Array(preface.prefix(10))])
        #expect(!tracker.isAtFrameBoundary)
        #expect(tracker.position.contains("preface"))
    }

    @Test("whole frames end on a boundary however the bytes are split", arguments: [1, 2, 5, 9, 13, 1000])
    func wholeFrames(chunkSize: Int) {
        let bytes = preface + settings + [0, 0, 0, 4, 1, 0, 0, 0, 0] + settings
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map {
            Array(bytes[$0..<min($0 + chunkSize, bytes.count)])
        }
        #expect(boundary(after: chunks).isAtFrameBoundary)
    }

    @Test("a frame header or payload cut short is not a boundary")
    func cutFrames() {
        let inHeader = boundary(after: [preface, Array(settings.prefix(4))])
        #expect(!inHeader.isAtFrameBoundary)
        #expect(inHeader.position.contains("frame header"))
        let inPayload = boundary(after: [preface, Array(settings.prefix(12))])
        #expect(!inPayload.isAtFrameBoundary)
        #expect(inPayload.position.contains("3 bytes missing"))
    }

    @Test("a 24-bit length is read big-endian")
    func largeLength() {
        let header: [UInt8] = [0x01, 0x00, 0x00, 0, 0, 0, 0, 0, 1]  // 65,536-byte DATA
        let partial = boundary(after: [preface, header, [UInt8](repeating: 0, count: 65_535)])
        #expect(!partial.isAtFrameBoundary)
        let whole = boundary(after: [preface, header, [UInt8](repeating: 0, count: 65_536)])
        #expect(whole.isAtFrameBoundary)
    }
}
