import HTTP2Wire
import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix

/// An HTTP/2 client on swift-nio-http2 (independent of nghttp2) that talks to the server under test.
struct H2TestClient: Sendable {
    let channel: any Channel
    let multiplexer: NIOHTTP2Handler.AsyncStreamMultiplexer<Void>
    /// Frames on stream 0 (SETTINGS, GOAWAY, ...), finished when the connection closes.
    let rootFrames: AsyncStream<HTTP2Frame.FramePayload>

    static func connect(port: Int) async throws -> H2TestClient {
        let (rootFrames, continuation) = AsyncStream.makeStream(of: HTTP2Frame.FramePayload.self)
        let (channel, multiplexer) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let multiplexer = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(mode: .client) {
                        $0.eventLoop.makeSucceededVoidFuture()
                    }
                    try channel.pipeline.syncOperations.addHandler(RootFrameRecorder(continuation: continuation))
                    return (channel, multiplexer)
                }
            }
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        return H2TestClient(channel: channel, multiplexer: multiplexer, rootFrames: rootFrames)
    }

    /// The first GOAWAY the server sent, or nil when the connection closed without one.
    func goAway() async -> (lastStreamID: HTTP2StreamID, errorCode: HTTP2ErrorCode)? {
        for await frame in rootFrames {
            if case .goAway(let lastStreamID, let errorCode, _) = frame { return (lastStreamID, errorCode) }
        }
        return nil
    }

    func close() async {
        try? await channel.close()
    }

    typealias Stream = NIOAsyncChannel<HTTP2Frame.FramePayload, HTTP2Frame.FramePayload>

    func openStream() async throws -> Stream {
        try await multiplexer.openStream { channel in
            channel.eventLoop.makeCompletedFuture { try Stream(wrappingChannelSynchronously: channel) }
        }
    }

    /// One POST with `body`; collects the whole answer.
    func post(_ path: String = "/echo", body: [UInt8], headers: [(String, String)] = []) async throws -> H2Response {
        let stream = try await openStream()
        return try await stream.executeThenClose { inbound, outbound in
            try await outbound.write(.headers(.init(headers: Self.requestHeaders(path, headers), endStream: body.isEmpty)))
            if !body.isEmpty {
                try await outbound.write(.data(.init(data: .byteBuffer(ByteBuffer(bytes: body)), endStream: true)))
            }
            return try await H2Response.collect(inbound)
        }
    }

    static func requestHeaders(_ path: String, _ extra: [(String, String)] = []) -> HPACKHeaders {
        var headers = HPACKHeaders([
            (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "127.0.0.1"),
            ("content-type", "application/octet-stream"),
        ])
        for (name, value) in extra { headers.add(name: name, value: value) }
        return headers
    }
}

/// What the client saw of one response.
struct H2Response: Sendable {
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    var trailers: [(String, String)]? = nil
    /// Set when the server reset the stream.
    var resetCode: HTTP2ErrorCode? = nil

    var status: String? { headers.first(where: { $0.0 == ":status" })?.1 }

    static func collect(_ inbound: NIOAsyncChannelInboundStream<HTTP2Frame.FramePayload>) async throws -> H2Response {
        var response = H2Response()
        do {
            for try await payload in inbound {
                switch payload {
                case .headers(let headers):
                    let fields = headers.headers.map { ($0.name, $0.value) }
                    if response.headers.isEmpty { response.headers = fields } else { response.trailers = fields }
                case .data(let data):
                    if case .byteBuffer(let buffer) = data.data { response.body += Array(buffer.readableBytesView) }
                case .rstStream(let code):
                    response.resetCode = code
                default:
                    break
                }
            }
        } catch let error as NIOHTTP2Errors.StreamClosed {
            response.resetCode = error.errorCode
        }
        return response
    }
}

/// Passes frames of stream 0 to an AsyncStream.
final class RootFrameRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTP2Frame
    let continuation: AsyncStream<HTTP2Frame.FramePayload>.Continuation

    init(continuation: AsyncStream<HTTP2Frame.FramePayload>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data).payload)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
