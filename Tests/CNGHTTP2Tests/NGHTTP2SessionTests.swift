import CNGHTTP2
import Testing

/// Proves the system library links: a real nghttp2 server session accepts a client connection preface.
@Suite("CNGHTTP2")
struct NGHTTP2SessionTests {
    /// Counts the frames nghttp2 reports, through `user_data`, as the HTTP2Wire session does.
    final class FrameCounter {
        var settingsFrames = 0
        var frameTypes: [UInt8] = []
    }

    @Test("a server session accepts the client preface and its SETTINGS frame")
    func serverSessionAcceptsPreface() throws {
        var callbacks: OpaquePointer?
        #expect(nghttp2_session_callbacks_new(&callbacks) == 0)
        defer { nghttp2_session_callbacks_del(callbacks) }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
            let counter = Unmanaged<FrameCounter>.fromOpaque(userData!).takeUnretainedValue()
            let type = frame!.pointee.hd.type
            counter.frameTypes.append(type)
            if type == UInt8(NGHTTP2_SETTINGS.rawValue) { counter.settingsFrames += 1 }
            return 0
        }

        let counter = FrameCounter()
        var session: OpaquePointer?
        let created = nghttp2_session_server_new(&session, callbacks, Unmanaged.passUnretained(counter).toOpaque())
        #expect(created == 0)
        let server = try #require(session)
        defer { nghttp2_session_del(server) }

        // The 24-byte preface, then an empty SETTINGS frame (length 0, type 4, flags 0, stream 0).
        var input = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
        input += [0, 0, 0, 4, 0, 0, 0, 0, 0]
        let consumed = input.withUnsafeBufferPointer { nghttp2_session_mem_recv(server, $0.baseAddress, $0.count) }
        #expect(consumed == input.count)
        #expect(counter.settingsFrames == 1)

        // The server answers with its own SETTINGS and an ACK of ours.
        #expect(nghttp2_submit_settings(server, UInt8(NGHTTP2_FLAG_NONE.rawValue), nil, 0) == 0)
        var output: [UInt8] = []
        while true {
            var chunk: UnsafePointer<UInt8>?
            let length = nghttp2_session_mem_send(server, &chunk)
            #expect(length >= 0)
            if length <= 0 { break }
            output += UnsafeBufferPointer(start: chunk, count: length)
        }
        #expect(output.count >= 18)
        #expect(output[3] == 4)  // the first frame the server writes is SETTINGS
    }

    @Test("a server session refuses a preface that is not HTTP/2")
    func serverSessionRefusesHTTP1() throws {
        var callbacks: OpaquePointer?
        #expect(nghttp2_session_callbacks_new(&callbacks) == 0)
        defer { nghttp2_session_callbacks_del(callbacks) }
        var session: OpaquePointer?
        #expect(nghttp2_session_server_new(&session, callbacks, nil) == 0)
        let server = try #require(session)
        defer { nghttp2_session_del(server) }

        let input = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        let result = input.withUnsafeBufferPointer { nghttp2_session_mem_recv(server, $0.baseAddress, $0.count) }
        #expect(result == Int(NGHTTP2_ERR_BAD_CLIENT_MAGIC.rawValue))
    }
}
