internal import CNGHTTP2
internal import NIOCore

/// One nghttp2 server session for one TCP connection: bytes in through `nghttp2_session_mem_recv`, bytes out through
/// `nghttp2_session_mem_send`, frames turned into ``HTTP2StreamCore`` events and responses turned back into frames.
///
/// Implements the HTTP/2 stack of docs/cello-telemetry.md section 6. Confined to the connection's event loop.
/// No nghttp2 pointer leaves this file: the C callbacks at its end recover this object from `user_data` and call it.
/// Promise completions made while nghttp2 is on the stack are queued and run after it returns, because a completion
/// may call back into the session and nghttp2 forbids `mem_send` from inside its callbacks.
///
/// The stream limit is ours, not nghttp2's: once a client has acknowledged SETTINGS_MAX_CONCURRENT_STREAMS, nghttp2
/// treats one stream over it as a connection error (GOAWAY, every other call on the connection lost), where RFC 9113
/// section 5.1.2 asks for a stream error. So nghttp2 is never told the limit; it is written into the SETTINGS frame
/// nghttp2 sends first, and a stream over it is refused here with RST_STREAM(REFUSED_STREAM).
final class NGHTTP2ServerSession {
    let connectionID: UInt64
    let eventLoop: any EventLoop
    private let configuration: HTTP2WireConfiguration
    private let report: @Sendable (HTTP2ConnectionEvent) -> Void
    private var ng: OpaquePointer?
    private var context: ChannelHandlerContext?
    private var streams: [Int32: HTTP2StreamCore] = [:]
    private var boundary = HTTP2FrameBoundary()
    private var completions: [() -> Void] = []
    private var flushing = false
    private var flushAgain = false
    private var closing = false
    private var refusing = false
    private var goAwayByApplication = false
    private var protocolErrorReported = false
    private var lastLibraryError: String?
    private var lastWrite: EventLoopFuture<Void>?
    private var prefaceTimer: Scheduled<Void>?
    /// SETTINGS_MAX_CONCURRENT_STREAMS still to be written into nghttp2's first SETTINGS frame.
    private var streamLimitToAdvertise: Int?
    /// Entries of `streams` refused over the limit (waiting for their RST_STREAM to leave); they hold no slot.
    private var refusedStreamCount = 0

    init(
        connectionID: UInt64,
        eventLoop: any EventLoop,
        configuration: HTTP2WireConfiguration,
        report: @escaping @Sendable (HTTP2ConnectionEvent) -> Void
    ) {
        self.connectionID = connectionID
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.report = report
    }

    // MARK: Connection

    /// Creates the nghttp2 session and sends our SETTINGS; a refused connection gets GOAWAY(REFUSED_STREAM) at once.
    func start(context: ChannelHandlerContext, refuse: Bool) {
        guard ng == nil, !closing else { return }
        self.context = context
        self.refusing = refuse
        var callbacks: OpaquePointer?
        var option: OpaquePointer?
        guard nghttp2_session_callbacks_new(&callbacks) == 0, nghttp2_option_new(&option) == 0 else {
            context.close(promise: nil)
            return
        }
        defer {
            nghttp2_session_callbacks_del(callbacks)
            nghttp2_option_del(option)
        }
        installCallbacks(callbacks)
        // The body reader gives bytes back to flow control (nghttp2_session_consume), so an unread body holds the
        // client at the window instead of filling our memory.
        nghttp2_option_set_no_auto_window_update(option, 1)
        let userData = Unmanaged.passUnretained(self).toOpaque()
        guard nghttp2_session_server_new2(&ng, callbacks, userData, option) == 0, let ng else {
            context.close(promise: nil)
            return
        }
        var settings = [
            entry(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, configuration.maxHeaderListSize),
            entry(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, configuration.initialWindowSize),
        ]
        if refuse {
            settings.append(entry(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 0))
        } else {
            streamLimitToAdvertise = configuration.maxConcurrentStreams
        }
        _ = nghttp2_submit_settings(ng, UInt8(NGHTTP2_FLAG_NONE.rawValue), &settings, settings.count)
        if refuse {
            _ = nghttp2_session_terminate_session(ng, NGHTTP2_REFUSED_STREAM.rawValue)
        } else {
            let window = Int32(clamping: max(configuration.connectionWindowSize, 65_535))
            _ = nghttp2_session_set_local_window_size(ng, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, window)
            report(.opened(connectionID))
            let timeout = configuration.prefaceTimeout
            prefaceTimer = eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [weak self] in
                guard let self, !self.boundary.isPastPreface else { return }
                self.fail(reason: "no complete HTTP/2 client preface within \(timeout)")
            }
        }
        flush()
    }

    private func entry(_ id: nghttp2_settings_id, _ value: Int) -> nghttp2_settings_entry {
        nghttp2_settings_entry(settings_id: Int32(id.rawValue), value: UInt32(clamping: value))
    }

    func receive(_ buffer: ByteBuffer) {
        guard let ng, !closing else { return }
        buffer.withUnsafeReadableBytes { boundary.consume($0) }
        if boundary.isPastPreface, let timer = prefaceTimer {
            timer.cancel()
            prefaceTimer = nil
        }
        let result = buffer.withUnsafeReadableBytes { bytes in
            nghttp2_session_mem_recv(ng, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        if result < 0 {
            let reason = String(cString: nghttp2_strerror(Int32(truncatingIfNeeded: result)))
            fail(reason: reason)
            return
        }
        flush()
    }

    /// The client shut its sending side: a frame cut short is a protocol error, otherwise we finish what is open.
    func inputClosed() {
        guard let ng, !closing else { return }
        if !boundary.isAtFrameBoundary {
            fail(reason: "the client closed its side \(boundary.position)")
            return
        }
        goAwayByApplication = true
        _ = nghttp2_submit_goaway(
            ng, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(ng),
            NGHTTP2_NO_ERROR.rawValue, nil, 0)
        flush()
    }

    /// A connection-level protocol error: report it once, send GOAWAY(PROTOCOL_ERROR) and close after it.
    private func fail(reason: String) {
        reportProtocolError(reason)
        guard let ng else { return }
        if nghttp2_session_terminate_session(ng, NGHTTP2_PROTOCOL_ERROR.rawValue) != 0 { closeNow() }
        flush()
    }

    private func reportProtocolError(_ reason: String) {
        guard !protocolErrorReported, !refusing else { return }
        protocolErrorReported = true
        report(.protocolError(connectionID, reason))
    }

    func writabilityChanged() { flush() }

    /// The TCP connection is gone: every stream ends, the nghttp2 session is freed.
    func connectionClosed() {
        guard let ng else { return }
        if !boundary.isAtFrameBoundary {
            reportProtocolError("the connection closed \(boundary.position)")
        }
        closing = true
        prefaceTimer?.cancel()
        prefaceTimer = nil
        let open = streams.values
        streams = [:]
        for core in open { completions += core.finish(.connectionClosed) }
        nghttp2_session_del(ng)
        self.ng = nil
        let wasOpen = !refusing
        context = nil
        runCompletions()
        if wasOpen { report(.closed(connectionID)) }
    }

    func closeNow() {
        guard let context else { return }
        closing = true
        context.close(promise: nil)
    }

    /// Writes what nghttp2 has queued, runs queued completions, and closes once nghttp2 wants neither to read nor to
    /// write (after a GOAWAY with no stream left, or a protocol error).
    func flush() {
        if flushing {
            flushAgain = true
            return
        }
        flushing = true
        repeat {
            flushAgain = false
            writePending()
            runCompletions()
        } while flushAgain
        flushing = false
        closeIfDone()
    }

    private func writePending() {
        guard let ng, let context, context.channel.isWritable else { return }
        var buffer = context.channel.allocator.buffer(capacity: 0)
        while true {
            var data: UnsafePointer<UInt8>?
            let count = nghttp2_session_mem_send(ng, &data)
            if count < 0 {
                reportProtocolError(String(cString: nghttp2_strerror(Int32(truncatingIfNeeded: count))))
                closeNow()
                return
            }
            guard count > 0, let data else { break }
            buffer.writeBytes(UnsafeRawBufferPointer(start: data, count: count))
        }
        guard buffer.readableBytes > 0 else { return }
        if let limit = streamLimitToAdvertise {
            // The first bytes of a server session are its SETTINGS frame (the server connection preface).
            streamLimitToAdvertise = nil
            let id = UInt16(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue)
            if let patched = HTTP2SettingsFrame.adding(id: id, value: UInt32(clamping: limit), toLeading: buffer) {
                buffer = patched
            }
        }
        lastWrite = context.writeAndFlush(NIOAny(buffer))
    }

    private func runCompletions() {
        while !completions.isEmpty {
            let batch = completions
            completions = []
            batch.forEach { $0() }
        }
    }

    private func closeIfDone() {
        guard !closing, let ng, let context else { return }
        guard nghttp2_session_want_read(ng) == 0, nghttp2_session_want_write(ng) == 0 else { return }
        closing = true
        let channel = context.channel
        if let lastWrite {
            lastWrite.whenComplete { _ in channel.close(promise: nil) }
        } else {
            channel.close(promise: nil)
        }
    }

    // MARK: Stream API (called on the event loop by HTTP2ServerStream)

    func bodyStep(_ core: HTTP2StreamCore) -> EventLoopFuture<HTTP2StreamCore.BodyStep> {
        let (step, consumed) = core.bodyStep()
        giveBack(core, consumed)
        return step
    }

    func discardBody(_ core: HTTP2StreamCore) {
        giveBack(core, core.discardBody())
    }

    private func giveBack(_ core: HTTP2StreamCore, _ count: Int) {
        guard count > 0, let ng else { return }
        if core.end == nil {
            _ = nghttp2_session_consume(ng, core.streamID, count)
        } else {
            _ = nghttp2_session_consume_connection(ng, count)
        }
        flush()
    }

    func sendHeaders(_ core: HTTP2StreamCore, _ headers: [HTTP2Header], endStream: Bool) throws(HTTP2WireError) {
        try checkOpen(core)
        guard core.response == .notStarted else {
            throw HTTP2WireError(code: .invalidState, message: "response headers were already sent")
        }
        guard headers.first?.name == ":status" else {
            throw HTTP2WireError(code: .invalidState, message: "a response must start with :status")
        }
        guard let ng else { throw HTTP2StreamCore.error(for: .connectionClosed) }
        var provider = nghttp2_data_provider()
        provider.read_callback = readResponseBody
        let result = withNameValues(headers) { nva, count in
            endStream
                ? nghttp2_submit_response(ng, core.streamID, nva, count, nil)
                : nghttp2_submit_response(ng, core.streamID, nva, count, &provider)
        }
        guard result == 0 else {
            throw HTTP2WireError(code: .invalidState, message: String(cString: nghttp2_strerror(result)))
        }
        core.startResponse(streaming: !endStream)
        flush()
    }

    func sendData(_ core: HTTP2StreamCore, _ bytes: [UInt8], endStream: Bool) -> EventLoopFuture<Void> {
        do throws(HTTP2WireError) {
            try checkStreaming(core)
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        let (done, resume) = core.queue(bytes, endStream: endStream)
        if resume, let ng { _ = nghttp2_session_resume_data(ng, core.streamID) }
        flush()
        return done.futureResult
    }

    func sendTrailers(_ core: HTTP2StreamCore, _ headers: [HTTP2Header]) throws(HTTP2WireError) {
        try checkStreaming(core)
        if core.queueTrailers(headers), let ng { _ = nghttp2_session_resume_data(ng, core.streamID) }
        flush()
    }

    private func checkOpen(_ core: HTTP2StreamCore) throws(HTTP2WireError) {
        if let end = core.end { throw HTTP2StreamCore.error(for: end) }
        if ng == nil || closing { throw HTTP2StreamCore.error(for: .connectionClosed) }
    }

    private func checkStreaming(_ core: HTTP2StreamCore) throws(HTTP2WireError) {
        try checkOpen(core)
        guard case .streaming = core.response, !core.hasOutboundEnd else {
            throw HTTP2WireError(code: .invalidState, message: "no response body is open on this stream")
        }
    }

    func reset(_ core: HTTP2StreamCore, errorCode: UInt32) {
        guard let ng, core.end == nil else { return }
        core.locallyReset = true
        _ = nghttp2_submit_rst_stream(ng, UInt8(NGHTTP2_FLAG_NONE.rawValue), core.streamID, errorCode)
        flush()
    }

    /// GOAWAY naming the last stream we processed; the connection closes once the open streams are done.
    func goAway(errorCode: UInt32) {
        guard let ng, !closing else { return }
        goAwayByApplication = true
        _ = nghttp2_submit_goaway(
            ng, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(ng), errorCode, nil, 0)
        flush()
    }

    /// The handler returned: a stream left without a complete response is reset, an unread body is dropped.
    func handlerFinished(_ core: HTTP2StreamCore) {
        discardBody(core)
        guard core.end == nil, ng != nil else { return }
        let responseEnding: Bool
        switch core.response {
        case .notStarted: responseEnding = false
        case .streaming: responseEnding = core.hasOutboundEnd  // trailers or END_STREAM still to leave
        case .ended: responseEnding = true
        }
        if !responseEnding {
            reset(core, errorCode: NGHTTP2_INTERNAL_ERROR.rawValue)
        } else if !core.bodyComplete {
            // RFC 9113 section 8.1: a complete response may end the request early with RST_STREAM(NO_ERROR).
            core.resetAfterResponse = true
            if core.response == .ended { reset(core, errorCode: NGHTTP2_NO_ERROR.rawValue) }
        }
    }

    // MARK: Events from nghttp2 (called by the callbacks below)

    fileprivate func beginHeaders(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        let streamID = frame.pointee.hd.stream_id
        if frame.pointee.hd.type == UInt8(NGHTTP2_HEADERS.rawValue), frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST {
            let core = HTTP2StreamCore(streamID: streamID, eventLoop: eventLoop)
            if streams.count - refusedStreamCount >= configuration.maxConcurrentStreams {
                // Refused once its HEADERS are complete; its body is dropped as it arrives.
                core.refused = true
                _ = core.discardBody()
                refusedStreamCount += 1
            }
            streams[streamID] = core
        } else {
            streams[streamID]?.startTrailers()
        }
        return 0
    }

    fileprivate func header(_ frame: UnsafePointer<nghttp2_frame>, name: UnsafeBufferPointer<UInt8>,
                            value: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let core = streams[frame.pointee.hd.stream_id], !core.refused else { return 0 }
        let isRequest = frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST
        let header = HTTP2Header(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        core.addHeader(header, nameLength: name.count, valueLength: value.count, limit: configuration.maxHeaderListSize,
                       keep: isRequest)
        // Request headers past the limit are answered 431 once complete; trailers past it, or a header section far
        // past it, reset the stream at once (nghttp2 answers TEMPORAL_CALLBACK_FAILURE with RST_STREAM).
        if core.headerListSize > configuration.maxHeaderListSize * (isRequest ? 4 : 1) {
            return Int32(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue)
        }
        return 0
    }

    fileprivate func frameReceived(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        let header = frame.pointee.hd
        guard let core = streams[header.stream_id] else { return 0 }
        let endStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
        switch header.type {
        case UInt8(NGHTTP2_HEADERS.rawValue):
            if frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST { requestHeadersComplete(core) }
            if endStream { wake(core.receivedEndStream()) }
        case UInt8(NGHTTP2_DATA.rawValue):
            if endStream { wake(core.receivedEndStream()) }
        case UInt8(NGHTTP2_RST_STREAM.rawValue):
            core.peerReset(code: frame.pointee.rst_stream.error_code)
        default:
            break
        }
        return 0
    }

    private func requestHeadersComplete(_ core: HTTP2StreamCore) {
        guard let ng else { return }
        if core.refused {
            // RFC 9113 section 5.1.2: a stream over SETTINGS_MAX_CONCURRENT_STREAMS is a stream error; REFUSED_STREAM
            // tells the client nothing was processed, so it may retry.
            core.locallyReset = true
            _ = nghttp2_submit_rst_stream(ng, UInt8(NGHTTP2_FLAG_NONE.rawValue), core.streamID,
                                          NGHTTP2_REFUSED_STREAM.rawValue)
            return
        }
        if core.headersTooLarge {
            // RFC 9113 section 10.5.1: a request over our header list size gets 431 and never reaches the handler.
            _ = withNameValues([HTTP2Header(":status", "431")]) { nva, count in
                nghttp2_submit_response(ng, core.streamID, nva, count, nil)
            }
            core.startResponse(streaming: false)
            return
        }
        let stream = HTTP2ServerStream(session: self, core: core)
        completions.append { [weak self] in self?.context?.fireChannelRead(NIOAny(stream)) }
    }

    private func wake(_ waiter: EventLoopPromise<HTTP2StreamCore.BodyStep>?) {
        guard let waiter else { return }
        completions.append { waiter.succeed(.again) }
    }

    fileprivate func dataReceived(streamID: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let core = streams[streamID] else {
            // DATA for a stream we no longer track still used the connection window.
            if let ng { _ = nghttp2_session_consume_connection(ng, bytes.count) }
            return 0
        }
        let (consumeNow, waiter) = core.receivedData(bytes)
        if consumeNow > 0, let ng { _ = nghttp2_session_consume(ng, streamID, consumeNow) }
        wake(waiter)
        return 0
    }

    fileprivate func streamClosed(streamID: Int32, errorCode: UInt32) -> Int32 {
        guard let core = streams.removeValue(forKey: streamID) else { return 0 }
        if core.refused { refusedStreamCount -= 1 }
        let end: HTTP2StreamEnd
        if let code = core.peerResetCode {
            end = .peerReset(code)
        } else if errorCode == NGHTTP2_NO_ERROR.rawValue || core.locallyReset {
            end = .completed
        } else {
            end = .peerReset(errorCode)  // nghttp2 reset it for a stream-level error of the client
        }
        completions += core.finish(end)
        let rest = core.takeUnconsumedForConnection()
        if rest > 0, let ng { _ = nghttp2_session_consume_connection(ng, rest) }
        return 0
    }

    fileprivate func frameSent(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        if frame.pointee.hd.type == UInt8(NGHTTP2_GOAWAY.rawValue) {
            let code = frame.pointee.goaway.error_code
            if code != NGHTTP2_NO_ERROR.rawValue, !goAwayByApplication {
                reportProtocolError(lastLibraryError ?? "nghttp2 sent GOAWAY with error code \(code)")
            }
        }
        return 0
    }

    fileprivate func libraryError(_ message: String) -> Int32 {
        lastLibraryError = message
        return 0
    }

    fileprivate func pullResponseBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer,
                                      flags: UnsafeMutablePointer<UInt32>) -> Int {
        guard let core = streams[streamID], let ng else { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
        defer {
            let finished = core.takeFinishedSends()
            if !finished.isEmpty { completions.append { finished.forEach { $0.succeed() } } }
        }
        switch core.pull(into: buffer) {
        case .deferred:
            return Int(NGHTTP2_ERR_DEFERRED.rawValue)
        case .bytes(let count, end: nil):
            return count
        case .bytes(let count, end: .endStream):
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            resetIfHandlerLeft(core)
            return count
        case .bytes(let count, end: .trailers(let trailers)):
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            let submitted = withNameValues(trailers) { nva, n in nghttp2_submit_trailer(ng, streamID, nva, n) }
            if submitted == 0 { flags.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue }
            resetIfHandlerLeft(core)
            return count
        }
    }
}

extension NGHTTP2ServerSession {
    /// The handler returned before the request body ended: once the response's end is out, RST_STREAM(NO_ERROR).
    fileprivate func resetIfHandlerLeft(_ core: HTTP2StreamCore) {
        guard core.resetAfterResponse, !core.bodyComplete else { return }
        completions.append { [weak self] in self?.reset(core, errorCode: NGHTTP2_NO_ERROR.rawValue) }
    }
}

// MARK: - Name/value arrays

/// Calls `body` with an nghttp2_nv array over copies of `headers`; nghttp2 copies them again in every submit call.
private func withNameValues<R>(_ headers: [HTTP2Header], _ body: (UnsafePointer<nghttp2_nv>, Int) -> R) -> R {
    let total = headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count }
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(total, 1))
    defer { storage.deallocate() }
    var offset = 0
    var nva: [nghttp2_nv] = []
    nva.reserveCapacity(headers.count)
    for header in headers {
        let name = storage + offset
        offset += copyUTF8(header.name, to: name)
        let value = storage + offset
        offset += copyUTF8(header.value, to: value)
        nva.append(nghttp2_nv(
            name: name, value: value, namelen: header.name.utf8.count, valuelen: header.value.utf8.count,
            flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue)))
    }
    return nva.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
}

private func copyUTF8(_ string: String, to destination: UnsafeMutablePointer<UInt8>) -> Int {
    var count = 0
    for byte in string.utf8 {
        destination[count] = byte
        count += 1
    }
    return count
}

// MARK: - C callbacks: recover the session from user_data and call it

private func session(_ userData: UnsafeMutableRawPointer?) -> NGHTTP2ServerSession {
    Unmanaged<NGHTTP2ServerSession>.fromOpaque(userData!).takeUnretainedValue()
}

extension NGHTTP2ServerSession {
    fileprivate func installCallbacks(_ callbacks: OpaquePointer?) {
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, onBeginHeaders)
        nghttp2_session_callbacks_set_on_header_callback(callbacks, onHeader)
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrameRecv)
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onDataChunkRecv)
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, onStreamClose)
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, onFrameSend)
        nghttp2_session_callbacks_set_error_callback2(callbacks, onError)
    }
}

private func onBeginHeaders(
    _ ng: OpaquePointer?, _ frame: UnsafePointer<nghttp2_frame>?, _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let frame else { return 0 }
    return session(userData).beginHeaders(frame)
}

private func onHeader(
    _ ng: OpaquePointer?, _ frame: UnsafePointer<nghttp2_frame>?, _ name: UnsafePointer<UInt8>?, _ nameLength: Int,
    _ value: UnsafePointer<UInt8>?, _ valueLength: Int, _ flags: UInt8, _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let frame else { return 0 }
    return session(userData).header(
        frame, name: UnsafeBufferPointer(start: name, count: nameLength),
        value: UnsafeBufferPointer(start: value, count: valueLength))
}

private func onFrameRecv(
    _ ng: OpaquePointer?, _ frame: UnsafePointer<nghttp2_frame>?, _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let frame else { return 0 }
    return session(userData).frameReceived(frame)
}

private func onDataChunkRecv(
    _ ng: OpaquePointer?, _ flags: UInt8, _ streamID: Int32, _ data: UnsafePointer<UInt8>?, _ length: Int,
    _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    session(userData).dataReceived(streamID: streamID, UnsafeRawBufferPointer(start: data, count: length))
}

private func onStreamClose(
    _ ng: OpaquePointer?, _ streamID: Int32, _ errorCode: UInt32, _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    session(userData).streamClosed(streamID: streamID, errorCode: errorCode)
}

private func onFrameSend(
    _ ng: OpaquePointer?, _ frame: UnsafePointer<nghttp2_frame>?, _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let frame else { return 0 }
    return session(userData).frameSent(frame)
}

private func onError(
    _ ng: OpaquePointer?, _ libraryErrorCode: Int32, _ message: UnsafePointer<CChar>?, _ length: Int,
    _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    let text = message.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self) }
    return session(userData).libraryError(text ?? "nghttp2 error \(libraryErrorCode)")
}

private func readResponseBody(
    _ ng: OpaquePointer?, _ streamID: Int32, _ buffer: UnsafeMutablePointer<UInt8>?, _ length: Int,
    _ flags: UnsafeMutablePointer<UInt32>?, _ source: UnsafeMutablePointer<nghttp2_data_source>?,
    _ userData: UnsafeMutableRawPointer?
) -> Int {
    guard let flags else { return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue) }
    return session(userData).pullResponseBody(
        streamID: streamID, into: UnsafeMutableRawBufferPointer(start: buffer, count: length), flags: flags)
}
