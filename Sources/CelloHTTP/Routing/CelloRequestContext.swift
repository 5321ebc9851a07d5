import Hummingbird
import NIOCore

/// The Hummingbird request context of a Cello App: the core storage plus the connection's addresses, which the
/// server span reports as `client.address` and, when the request has no `Host` header, `server.address`/`server.port`.
struct CelloRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    let localAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.localAddress = source.channel.localAddress
    }

    /// Request bodies are collected up to 1 MiB; a larger body is answered with 413.
    var maxUploadSize: Int { 1 << 20 }
}
