internal import NIOCore

/// Feeds one connection's bytes and channel events to its ``NGHTTP2ServerSession`` and passes request streams on
/// as inbound ``HTTP2ServerStream`` values (read by the server through `NIOAsyncChannel`, which applies back-pressure).
///
/// Part of the HTTP/2 stack of docs/cello-telemetry.md section 6.
final class HTTP2ServerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = HTTP2ServerStream

    private let session: NGHTTP2ServerSession
    private let refuse: Bool

    init(session: NGHTTP2ServerSession, refuse: Bool) {
        self.session = session
        self.refuse = refuse
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { session.start(context: context, refuse: refuse) }
    }

    func channelActive(context: ChannelHandlerContext) {
        session.start(context: context, refuse: refuse)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        session.receive(unwrapInboundIn(data))
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { session.writabilityChanged() }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent { session.inputClosed() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.connectionClosed()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        session.connectionClosed()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Socket errors (reset by peer, ...) end the connection; the session reports the close.
        context.close(promise: nil)
    }
}
