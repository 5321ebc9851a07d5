internal import NIOCore

/// One request stream, handed to the server's handler once its HEADERS arrived.
///
/// Part of the fake collector's HTTP/2 stack (docs/cello-telemetry.md section 6). Every method hops to the connection's
/// event loop, where the stream's state lives; none holds a lock across an `await`.
public final class HTTP2ServerStream: Sendable {
    public let streamID: Int32
    /// Request headers in wire order, pseudo-headers included.
    public let requestHeaders: [HTTP2Header]
    public let connectionID: UInt64
    private let eventLoop: any EventLoop
    private let handle: NIOLoopBound<Handle>

    /// The session and the stream's state, only touched on the event loop.
    private struct Handle {
        let session: NGHTTP2ServerSession
        let core: HTTP2StreamCore
    }

    /// Made on the event loop by the session.
    init(session: NGHTTP2ServerSession, core: HTTP2StreamCore) {
        self.streamID = core.streamID
        self.requestHeaders = core.requestHeaders
        self.connectionID = session.connectionID
        self.eventLoop = session.eventLoop
        self.handle = NIOLoopBound(Handle(session: session, core: core), eventLoop: session.eventLoop)
    }

    /// The request body, whole, once the client ended the stream.
    /// - Throws: `.bodyTooLarge` past `limit` (the rest of the body is then dropped as it arrives), `.streamReset`,
    ///   `.connectionClosed`.
    public func readBody(upTo limit: Int) async throws(HTTP2WireError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let step = try await future { $0.session.bodyStep($0.core) }
            switch step {
            case .chunk(let bytes):
                if body.count + bytes.count > limit {
                    try await onLoop { $0.session.discardBody($0.core) }
                    throw HTTP2WireError(code: .bodyTooLarge, message: "request body is over \(limit) bytes")
                }
                body += bytes
            case .end:
                return body
            case .again:
                continue
            }
        }
    }

    /// Response HEADERS; the first header must be `:status`. With `endStream` the response is complete (as a
    /// trailers-only gRPC answer is).
    public func sendHeaders(_ headers: [HTTP2Header], endStream: Bool = false) async throws(HTTP2WireError) {
        try await onLoop { handle throws(HTTP2WireError) in
            try handle.session.sendHeaders(handle.core, headers, endStream: endStream)
        }
    }

    /// Response DATA; returns once nghttp2 took the bytes (the client's flow-control window allowed them).
    public func sendData(_ bytes: [UInt8], endStream: Bool = false) async throws(HTTP2WireError) {
        try await future { $0.session.sendData($0.core, bytes, endStream: endStream) }
    }

    /// Trailing HEADERS that end the response (after ``sendHeaders(_:endStream:)`` and any ``sendData(_:endStream:)``).
    public func sendTrailers(_ headers: [HTTP2Header]) async throws(HTTP2WireError) {
        try await onLoop { handle throws(HTTP2WireError) in try handle.session.sendTrailers(handle.core, headers) }
    }

    /// RST_STREAM with `errorCode` (a fault primitive).
    public func reset(errorCode: UInt32) async {
        try? await onLoop { $0.session.reset($0.core, errorCode: errorCode) }
    }

    /// GOAWAY on this stream's connection (last stream id = the last one processed); the connection closes once
    /// its open streams are done.
    public func goAway(errorCode: UInt32) async {
        try? await onLoop { $0.session.goAway(errorCode: errorCode) }
    }

    /// Drops the TCP connection at once.
    public func closeConnection() async {
        try? await onLoop { $0.session.closeNow() }
    }

    /// Returns when the peer resets the stream, the connection closes or the stream completes: for a stall, the
    /// moment the client gave up.
    public func waitForPeerClose() async -> HTTP2StreamEnd {
        do {
            return try await future { $0.core.waitForEnd() }
        } catch {
            return .connectionClosed
        }
    }

    /// Called by the server once the handler returned.
    func handlerFinished() async {
        try? await onLoop { $0.session.handlerFinished($0.core) }
    }

    // MARK: Hopping to the event loop

    private func onLoop<T: Sendable>(
        _ body: @escaping @Sendable (Handle) throws(HTTP2WireError) -> T
    ) async throws(HTTP2WireError) -> T {
        try await future { handle in
            do {
                return handle.session.eventLoop.makeSucceededFuture(try body(handle))
            } catch {
                return handle.session.eventLoop.makeFailedFuture(error)
            }
        }
    }

    private func future<T: Sendable>(
        _ body: @escaping @Sendable (Handle) -> EventLoopFuture<T>
    ) async throws(HTTP2WireError) -> T {
        let handle = self.handle
        do {
            return try await eventLoop.flatSubmit { body(handle.value) }.get()
        } catch let error as HTTP2WireError {
            throw error
        } catch {
            throw HTTP2WireError(code: .connectionClosed, message: "the connection's event loop is gone: \(error)")
        }
    }
}
