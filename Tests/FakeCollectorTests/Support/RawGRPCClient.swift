import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix

/// Sends hand-made gRPC requests over swift-nio-http2 (headers and bytes exactly as given, so the tests can break
/// the rules a real gRPC library would never break) and reports what came back, GOAWAY included.
struct RawGRPCClient: Sendable {
    struct Answer: Sendable {
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var trailers: [(String, String)] = []
        var resetCode: HTTP2ErrorCode?

        func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
        /// `grpc-status` from the trailers, or from the headers of a trailers-only answer.
        var grpcStatus: String? { (trailers + headers).first { $0.0 == "grpc-status" }?.1 }
    }

    typealias Stream = NIOAsyncChannel<HTTP2Frame.FramePayload, HTTP2Frame.FramePayload>

    let channel: any Channel
    let multiplexer: NIOHTTP2Handler.AsyncStreamMultiplexer<Void>
    let connectionFrames: AsyncStream<HTTP2Frame.FramePayload>

    static let tracePath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"

    static func connect(_ address: String) async throws -> RawGRPCClient {
        let parts = address.split(separator: ":")
        let (frames, continuation) = AsyncStream.makeStream(of: HTTP2Frame.FramePayload.self)
        let (channel, multiplexer) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: String(parts[0]), port: Int(parts[1])!) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let multiplexer = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(mode: .client) {
                        $0.eventLoop.makeSucceededVoidFuture()
                    }
                    try channel.pipeline.syncOperations.addHandler(ConnectionFrameTap(continuation: continuation))
                    return (channel, multiplexer)
                }
            }
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        return RawGRPCClient(channel: channel, multiplexer: multiplexer, connectionFrames: frames)
    }

    static func headers(path: String = tracePath, dropping: Set<String> = [], extra: [(String, String)] = [])
        -> [(String, String)]
    {
        let base = [(":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "127.0.0.1"),
                    ("content-type", "application/grpc"), ("te", "trailers"), ("user-agent", "raw-test")]
        return base.filter { !dropping.contains($0.0) } + extra
    }

    /// Frames a message: flag, 4-byte big-endian length (or `claimedLength`), bytes.
    static func frame(_ message: [UInt8], flag: UInt8 = 0, claimedLength: Int? = nil) -> [UInt8] {
        let length = UInt32(claimedLength ?? message.count)
        return [flag, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + message
    }

    func send(headers: [(String, String)], body: [UInt8]) async throws -> Answer {
        let stream = try await multiplexer.openStream { channel in
            channel.eventLoop.makeCompletedFuture { try Stream(wrappingChannelSynchronously: channel) }
        }
        return try await stream.executeThenClose { inbound, outbound in
            try await outbound.write(.headers(.init(headers: HPACKHeaders(headers), endStream: body.isEmpty)))
            if !body.isEmpty {
                try await outbound.write(.data(.init(data: .byteBuffer(ByteBuffer(bytes: body)), endStream: true)))
            }
            var answer = Answer()
            do {
                for try await payload in inbound {
                    switch payload {
                    case .headers(let frame):
                        let fields = frame.headers.map { ($0.name, $0.value) }
                        if answer.headers.isEmpty { answer.headers = fields } else { answer.trailers = fields }
                    case .data(let frame):
                        if case .byteBuffer(let buffer) = frame.data { answer.body += Array(buffer.readableBytesView) }
                    case .rstStream(let code):
                        answer.resetCode = code
                    default:
                        break
                    }
                }
            } catch let error as NIOHTTP2Errors.StreamClosed {
                answer.resetCode = error.errorCode
            } catch {
                // The connection went away: what arrived so far is the answer.
            }
            return answer
        }
    }

    /// The first GOAWAY on the connection, or nil when it closed without one.
    func goAway() async -> HTTP2ErrorCode? {
        for await frame in connectionFrames {
            if case .goAway(_, let code, _) = frame { return code }
        }
        return nil
    }

    func close() async {
        try? await channel.close()
    }
}
