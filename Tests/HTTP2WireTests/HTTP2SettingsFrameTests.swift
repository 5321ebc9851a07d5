import NIOCore
import Testing

@testable import HTTP2Wire

@Suite("HTTP2SettingsFrame")
struct HTTP2SettingsFrameTests {
    @Test("appends a parameter to the leading SETTINGS frame and keeps the bytes after it")
    func appends() throws {
        // SETTINGS with INITIAL_WINDOW_SIZE = 65535, then a WINDOW_UPDATE.
        let settings: [UInt8] = [0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0xFF, 0xFF]
        let windowUpdate: [UInt8] = [0, 0, 4, 8, 0, 0, 0, 0, 0, 0, 0, 1, 0]
        let patched = try #require(
            HTTP2SettingsFrame.adding(id: 3, value: 100, toLeading: ByteBuffer(bytes: settings + windowUpdate)))
        #expect(Array(patched.readableBytesView)
            == [0, 0, 12, 4, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0xFF, 0xFF, 0, 3, 0, 0, 0, 100] + windowUpdate)
    }

    @Test("leaves alone what does not start with a whole SETTINGS frame", arguments: [
        [0, 0, 0, 4, 1, 0, 0, 0, 0],  // an ACK
        [0, 0, 4, 8, 0, 0, 0, 0, 0, 0, 0, 1, 0],  // WINDOW_UPDATE
        [0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 4],  // cut short
        [0, 0, 0, 4, 0, 0, 0, 0, 1],  // not stream 0
    ] as [[UInt8]])
    func refuses(_ bytes: [UInt8]) {
        #expect(HTTP2SettingsFrame.adding(id: 3, value: 1, toLeading: ByteBuffer(bytes: bytes)) == nil)
    }
}
