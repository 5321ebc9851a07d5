import Hummingbird
import NIOCore
import ServiceLifecycle

/// The Hummingbird request context of the collector's HTTP listeners: keeps the channel so a stall can wait for
/// the client to give up, and a large upload limit (the receiver enforces its own).
struct CollectorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.channel = source.channel
    }

    var maxUploadSize: Int { 64 << 20 }

    /// Waits until the client closes the connection; on graceful shutdown or cancellation the collector closes it.
    func waitForClientClose() async {
        let channel = self.channel
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await channel.closeFuture.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
    }
}
