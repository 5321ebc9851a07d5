import Hummingbird
import NIOCore

/// The Hummingbird request context of the collector's HTTP listeners: keeps the channel so a stall can watch for
/// the client giving up, and a large upload limit (the receiver enforces its own).
struct CollectorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 64 << 20 }
}
