/// How a request stream ended, as seen by ``HTTP2ServerStream/waitForPeerClose()``.
public enum HTTP2StreamEnd: Sendable, Hashable {
    /// The client reset the stream (RST_STREAM with this error code, e.g. 8 = CANCEL), or broke a stream-level rule
    /// so that nghttp2 reset it with this code.
    case peerReset(UInt32)
    /// The TCP connection closed before the stream ended.
    case connectionClosed
    /// Both sides ended the stream normally, or the server reset it itself (``HTTP2ServerStream/reset(errorCode:)``).
    case completed
}
