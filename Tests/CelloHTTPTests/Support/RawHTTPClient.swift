import NIOCore
import NIOPosix
import Synchronization

/// An HTTP/1.1 client that writes the request bytes exactly as given: for header values no HTTP library sends
/// (control characters, invalid UTF-8, repeated fields, absolute-form targets with userinfo).
///
/// One request per connection (`connection: close`); the answer is everything the server wrote before it closed,
/// read within a deadline that closes the connection itself (no sleeps, no hangs).
enum RawHTTPClient {
    struct Answer: Sendable {
        /// Every byte the server sent.
        var bytes: [UInt8]
        /// True when the deadline closed the connection before the server did.
        var timedOut: Bool

        /// The status code of the response line; nil when the server closed without answering.
        var status: Int? {
            let line = self.bytes.prefix { $0 != UInt8(ascii: "\r") }
            let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)) else { return nil }
            return Int(String(decoding: parts[1], as: UTF8.self))
        }

        /// The body after the header block (the App answers with a content length, not chunked).
        var body: [UInt8] {
            let separator = Array("\r\n\r\n".utf8)
            guard let end = self.bytes.indices.first(where: { self.bytes[$0...].starts(with: separator) }) else {
                return []
            }
            return Array(self.bytes[(end + separator.count)...])
        }
    }

    /// `METHOD target HTTP/1.1`, `host`, `user-agent`, `connection: close`, then `fields` as raw bytes, in order
    /// (a name listed twice is sent as two fields).
    static func request(
        _ method: String = "GET",
        target: String,
        host: String,
        fields: [(name: String, value: [UInt8])]
    ) -> [UInt8] {
        var bytes = Array("\(method) \(target) HTTP/1.1\r\nhost: \(host)\r\nuser-agent: cello-raw-test\r\n".utf8)
        for field in fields {
            bytes += Array(field.name.utf8) + Array(": ".utf8) + field.value + Array("\r\n".utf8)
        }
        bytes += Array("connection: close\r\n\r\n".utf8)
        return bytes
    }

    /// Connects to 127.0.0.1:`port`, writes `request`, and reads until the server closes, `maxBytes` arrived or
    /// `deadline` passed.
    static func send(
        _ request: [UInt8],
        port: Int,
        deadline: TimeAmount = .seconds(10),
        maxBytes: Int = 4 << 20
    ) async throws -> Answer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let timedOut = Flag()
        let raw = channel.channel
        let timer = raw.eventLoop.scheduleTask(in: deadline) {
            timedOut.set()
            raw.close(promise: nil)
        }
        defer { timer.cancel() }
        let bytes = try await channel.executeThenClose { inbound, outbound in
            // A server that refuses the head early may close while the rest is still being written.
            try? await outbound.write(ByteBuffer(bytes: request))
            var received: [UInt8] = []
            do {
                for try await chunk in inbound {
                    received += chunk.readableBytesView
                    if received.count >= maxBytes { break }
                }
            } catch {
                // Reset by the server or closed by the deadline: what arrived before still counts.
            }
            return received
        }
        return Answer(bytes: bytes, timedOut: timedOut.isSet)
    }

    private final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { self.value.withLock { $0 = true } }
        var isSet: Bool { self.value.withLock { $0 } }
    }
}
