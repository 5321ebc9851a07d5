import NIOCore
import NIOHTTP2

/// Forwards stream-0 frames (SETTINGS, GOAWAY) to an AsyncStream.
final class ConnectionFrameTap: ChannelInboundHandler, Sendable {
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
