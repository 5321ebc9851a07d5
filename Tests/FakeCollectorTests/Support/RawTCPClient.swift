import NIOCore
import NIOPosix

/// Sends bytes as given over TCP and reads until the server closes: for prefaces and frames no HTTP/2 library sends.
enum RawTCPClient {
    static func exchange(_ address: String, _ bytes: [UInt8]) async throws -> [UInt8] {
        let parts = address.split(separator: ":")
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: String(parts[0]), port: Int(parts[1])!) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            outbound.finish()
            var received: [UInt8] = []
            do {
                for try await buffer in inbound { received += Array(buffer.readableBytesView) }
            } catch {
                // A reset after the server's answer still leaves what arrived.
            }
            return received
        }
    }
}
