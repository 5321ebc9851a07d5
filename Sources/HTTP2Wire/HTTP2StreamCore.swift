internal import NIOCore

/// The state of one request stream: request headers and body, response progress and how it ended.
///
/// Confined to its connection's event loop. It holds no nghttp2 pointer: ``NGHTTP2ServerSession`` feeds it events
/// and asks it what to do, so the decisions here are plain Swift (docs/cello-telemetry.md section 6, HTTP/2 receiver).
final class HTTP2StreamCore {
    /// Progress of the response.
    enum Response: Equatable {
        case notStarted
        /// HEADERS went out with a data provider; `deferred` when nghttp2 waits for `resume_data`.
        case streaming(deferred: Bool)
        case ended
    }

    /// How the response body ends once the queued bytes are out.
    enum OutboundEnd {
        case endStream
        case trailers([HTTP2Header])
    }

    /// What the data provider hands nghttp2.
    enum Pull {
        case bytes(Int, end: OutboundEnd?)
        case deferred
    }

    /// What a body reader gets from one step.
    enum BodyStep: Sendable {
        case chunk([UInt8])
        case end
        case again
    }

    let streamID: Int32
    let eventLoop: any EventLoop

    private(set) var requestHeaders: [HTTP2Header] = []
    private(set) var headerListSize = 0
    private(set) var headersTooLarge = false

    private var body: [UInt8] = []
    private(set) var bodyComplete = false
    private(set) var discardingBody = false
    /// Received DATA bytes not yet given back to flow control (nghttp2_session_consume).
    private(set) var unconsumed = 0
    private var bodyWaiter: EventLoopPromise<BodyStep>?

    private(set) var response = Response.notStarted
    private var outbound = CircularBuffer<[UInt8]>()
    private var outboundOffset = 0
    private var outboundEnd: OutboundEnd?
    private var queued = 0
    private var taken = 0
    private var sendWaiters: [(target: Int, promise: EventLoopPromise<Void>)] = []

    private(set) var peerResetCode: UInt32?
    var locallyReset = false
    /// Over SETTINGS_MAX_CONCURRENT_STREAMS: reset with REFUSED_STREAM once its HEADERS are in, never handed out.
    var refused = false
    /// The handler returned with a complete response but an unfinished request body.
    var resetAfterResponse = false
    private(set) var end: HTTP2StreamEnd?
    private var endWaiters: [EventLoopPromise<HTTP2StreamEnd>] = []

    init(streamID: Int32, eventLoop: any EventLoop) {
        self.streamID = streamID
        self.eventLoop = eventLoop
    }

    // MARK: Request

    /// Counts a header field (RFC 9113 section 6.5.2: name + value + 32) and keeps it when `keep` (request headers,
    /// not trailers) and the list is still within `limit`; past it the request is answered 431.
    func addHeader(_ header: HTTP2Header, nameLength: Int, valueLength: Int, limit: Int, keep: Bool = true) {
        headerListSize += nameLength + valueLength + 32
        guard keep else { return }
        if headerListSize > limit { headersTooLarge = true }
        if !headersTooLarge { requestHeaders.append(header) }
    }

    /// Trailers are a header list of their own for the size limit.
    func startTrailers() {
        headerListSize = 0
    }

    /// DATA arrived. Returns the bytes to give back to flow control at once (when the body is being discarded).
    func receivedData(_ bytes: UnsafeRawBufferPointer) -> (consumeNow: Int, wake: EventLoopPromise<BodyStep>?) {
        if discardingBody { return (bytes.count, nil) }
        body.append(contentsOf: bytes)
        unconsumed += bytes.count
        defer { bodyWaiter = nil }
        return (0, bodyWaiter)
    }

    /// END_STREAM arrived from the client.
    func receivedEndStream() -> EventLoopPromise<BodyStep>? {
        bodyComplete = true
        defer { bodyWaiter = nil }
        return bodyWaiter
    }

    func peerReset(code: UInt32) { peerResetCode = code }

    /// One step of reading the body. `.chunk` bytes count as consumed by the caller (returned in `consume`).
    func bodyStep() -> (step: EventLoopFuture<BodyStep>, consume: Int) {
        if !body.isEmpty {
            let chunk = body
            body = []
            let consumed = min(unconsumed, chunk.count)
            unconsumed -= consumed
            return (eventLoop.makeSucceededFuture(.chunk(chunk)), consumed)
        }
        if bodyComplete { return (eventLoop.makeSucceededFuture(.end), 0) }
        if discardingBody {
            return (eventLoop.makeFailedFuture(HTTP2WireError(code: .bodyTooLarge, message: "body was discarded")), 0)
        }
        if let end { return (eventLoop.makeFailedFuture(Self.error(for: end)), 0) }
        bodyWaiter?.fail(HTTP2WireError(code: .invalidState, message: "a second reader replaced this one"))
        let promise = eventLoop.makePromise(of: BodyStep.self)
        bodyWaiter = promise
        return (promise.futureResult, 0)
    }

    /// Stops keeping the body; returns how many buffered bytes to give back to flow control.
    func discardBody() -> Int {
        discardingBody = true
        body = []
        defer { unconsumed = 0 }
        return unconsumed
    }

    /// After nghttp2 closed the stream its window no longer matters; the connection window still needs the bytes.
    func takeUnconsumedForConnection() -> Int {
        defer { unconsumed = 0 }
        return unconsumed
    }

    // MARK: Response

    func startResponse(streaming: Bool) {
        response = streaming ? .streaming(deferred: false) : .ended
    }

    /// Queues body bytes; returns the promise to complete once nghttp2 took them and whether to resume the provider.
    func queue(_ bytes: [UInt8], endStream: Bool) -> (done: EventLoopPromise<Void>, resume: Bool) {
        if !bytes.isEmpty { outbound.append(bytes) }
        queued += bytes.count
        if endStream { outboundEnd = .endStream }
        let promise = eventLoop.makePromise(of: Void.self)
        sendWaiters.append((queued, promise))
        return (promise, markResumed())
    }

    func queueTrailers(_ headers: [HTTP2Header]) -> Bool {
        outboundEnd = .trailers(headers)
        return markResumed()
    }

    var hasOutboundEnd: Bool { outboundEnd != nil }

    private func markResumed() -> Bool {
        guard case .streaming(deferred: true) = response else { return false }
        response = .streaming(deferred: false)
        return true
    }

    /// nghttp2 asks for up to `buffer.count` bytes of the response body.
    func pull(into buffer: UnsafeMutableRawBufferPointer) -> Pull {
        var copied = 0
        while copied < buffer.count, let first = outbound.first {
            let count = min(buffer.count - copied, first.count - outboundOffset)
            first.withUnsafeBytes { source in
                let slice = UnsafeRawBufferPointer(rebasing: source[outboundOffset..<(outboundOffset + count)])
                UnsafeMutableRawBufferPointer(rebasing: buffer[copied..<(copied + count)]).copyMemory(from: slice)
            }
            copied += count
            outboundOffset += count
            if outboundOffset == first.count {
                outbound.removeFirst()
                outboundOffset = 0
            }
        }
        taken += copied
        if outbound.isEmpty, let outboundEnd {
            response = .ended
            return .bytes(copied, end: outboundEnd)
        }
        if copied == 0 {
            response = .streaming(deferred: true)
            return .deferred
        }
        return .bytes(copied, end: nil)
    }

    /// Send waiters whose bytes nghttp2 has taken.
    func takeFinishedSends() -> [EventLoopPromise<Void>] {
        var done: [EventLoopPromise<Void>] = []
        while let first = sendWaiters.first, first.target <= taken {
            done.append(first.promise)
            sendWaiters.removeFirst()
        }
        return done
    }

    // MARK: End

    func waitForEnd() -> EventLoopFuture<HTTP2StreamEnd> {
        if let end { return eventLoop.makeSucceededFuture(end) }
        let promise = eventLoop.makePromise(of: HTTP2StreamEnd.self)
        endWaiters.append(promise)
        return promise.futureResult
    }

    /// The stream is over: returns the completions to run once outside nghttp2.
    func finish(_ end: HTTP2StreamEnd) -> [() -> Void] {
        guard self.end == nil else { return [] }
        self.end = end
        var completions: [() -> Void] = []
        if let waiter = bodyWaiter {
            bodyWaiter = nil
            completions.append { waiter.succeed(.again) }  // the reader's next step sees the end or the buffered rest
        }
        let error = Self.error(for: end)
        let failedSends = sendWaiters
        sendWaiters = []
        completions.append { failedSends.forEach { $0.promise.fail(error) } }
        let waiters = endWaiters
        endWaiters = []
        completions.append { waiters.forEach { $0.succeed(end) } }
        return completions
    }

    /// The error an operation gets once the stream has ended this way.
    static func error(for end: HTTP2StreamEnd) -> HTTP2WireError {
        switch end {
        case .connectionClosed: HTTP2WireError(code: .connectionClosed, message: "the connection closed")
        case .peerReset(let code): HTTP2WireError(code: .streamReset, message: "the stream was reset (code \(code))")
        case .completed: HTTP2WireError(code: .streamReset, message: "the stream is already closed")
        }
    }
}
