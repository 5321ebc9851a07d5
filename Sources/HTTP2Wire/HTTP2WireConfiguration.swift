/// Bounds of an ``HTTP2WireServer``: what one peer may ask of the fake collector's HTTP/2 stack.
///
/// Implements the limits of docs/cello-telemetry.md section 6 ("bounded concurrent streams and connections").
public struct HTTP2WireConfiguration: Sendable {
    /// SETTINGS_MAX_CONCURRENT_STREAMS we advertise and enforce: a stream past it gets RST_STREAM(REFUSED_STREAM) and
    /// never reaches the handler, whether or not the client has acknowledged our SETTINGS (RFC 9113 section 5.1.2, a
    /// stream error); the connection and its other streams go on.
    /// - Default: 100
    public var maxConcurrentStreams: Int = 100
    /// SETTINGS_MAX_HEADER_LIST_SIZE we advertise and enforce (RFC 9113 section 6.5.2 size: name + value + 32 each).
    /// A request over it is answered with status 431 and never reaches the handler; a request header list over four
    /// times it (or trailers over it) gets RST_STREAM(INTERNAL_ERROR) at once. The connection goes on either way.
    /// - Default: 16 KiB
    public var maxHeaderListSize: Int = 16 * 1024
    /// Open connections at once; a connection past it gets SETTINGS, GOAWAY(REFUSED_STREAM) and is closed, and is
    /// counted in ``HTTP2WireServer/refusedConnectionCount``.
    /// - Default: 256
    public var maxConnections: Int = 256
    /// SETTINGS_INITIAL_WINDOW_SIZE we advertise: how much request body a stream may buffer before the handler reads.
    /// - Default: 1 MiB
    public var initialWindowSize: Int = 1 << 20
    /// The connection-level receive window: how much request body all streams of a connection may buffer together.
    /// - Default: 16 MiB
    public var connectionWindowSize: Int = 16 << 20

    /// How long a new connection may take to send the whole client preface; a connection that sends nothing (or
    /// part of it) holds a slot of `maxConnections` until then, and is then closed with a protocol error.
    /// - Default: 10 seconds
    public var prefaceTimeout: Duration = .seconds(10)

    public init() {}
}
