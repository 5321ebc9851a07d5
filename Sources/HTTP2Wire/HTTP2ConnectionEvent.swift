/// Connection-level happenings of an ``HTTP2WireServer``, for the judge to record (docs/cello-telemetry.md section 6).
public enum HTTP2ConnectionEvent: Sendable, Hashable {
    /// A connection was accepted (refused connections past `maxConnections` are only counted, see
    /// ``HTTP2WireServer/refusedConnectionCount``).
    case opened(UInt64)
    /// The peer broke HTTP/2 at the connection level (bad preface, malformed or truncated frames, flow-control or
    /// SETTINGS violations); the server sent GOAWAY where it could and closes the connection.
    case protocolError(UInt64, String)
    /// A connection closed, for whatever reason; reported once its slot of `maxConnections` is free again.
    case closed(UInt64)
}
