internal import NIOCore

/// Adds one parameter to the SETTINGS frame at the start of outgoing bytes (RFC 9113 section 6.5.1: a 9-byte frame
/// header, then 6 bytes per parameter, a 16-bit id and a 32-bit value).
///
/// Lets ``NGHTTP2ServerSession`` advertise SETTINGS_MAX_CONCURRENT_STREAMS without telling nghttp2, which would make
/// a stream over it a connection error instead of a refused stream (docs/cello-telemetry.md section 6, limits).
enum HTTP2SettingsFrame {
    static let type: UInt8 = 0x4
    static let ackFlag: UInt8 = 0x1

    /// `bytes` with the parameter appended to its leading SETTINGS frame, or nil when they do not start with a whole,
    /// non-ACK SETTINGS frame on stream 0.
    static func adding(id: UInt16, value: UInt32, toLeading bytes: ByteBuffer) -> ByteBuffer? {
        let view = bytes.readableBytesView
        guard view.count >= 9 else { return nil }
        let start = view.startIndex
        let length = Int(view[start]) << 16 | Int(view[start + 1]) << 8 | Int(view[start + 2])
        let streamID = view[(start + 5)..<(start + 9)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } & 0x7FFF_FFFF
        guard view[start + 3] == type, view[start + 4] & ackFlag == 0, streamID == 0, view.count >= 9 + length
        else { return nil }
        let newLength = length + 6
        var patched = ByteBuffer()
        patched.reserveCapacity(view.count + 6)
        patched.writeBytes([UInt8(newLength >> 16 & 0xFF), UInt8(newLength >> 8 & 0xFF), UInt8(newLength & 0xFF)])
        patched.writeBytes(view[(start + 3)..<(start + 9 + length)])
        patched.writeInteger(id)
        patched.writeInteger(value)
        patched.writeBytes(view[(start + 9 + length)...])
        return patched
    }
}
