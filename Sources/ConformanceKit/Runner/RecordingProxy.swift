import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// A small HTTP proxy on 127.0.0.1:0 put in front of a service, recording the headers each hop sends to it.
///
/// docs/cello-telemetry.md section 7: "the headers on the wire between hops are the configured format". The upstream
/// service is given the proxy's address as its downstream, so the proxy sees exactly what the SDK injected.
public final class RecordingProxy: Sendable {
    /// The name of the service behind the proxy.
    public let target: String
    /// `HOST:PORT` of the service behind the proxy.
    public let targetAddress: String
    private let state = Mutex(State())
    static let maxBody = 1 << 20
    static let hopByHop: Set<String> = ["connection", "host", "content-length", "transfer-encoding", "keep-alive"]

    struct State {
        var hops: [RecordedHop] = []
        var port: Int?
        var waiters: [CheckedContinuation<Int, Never>] = []
    }

    /// The service whose outgoing calls go through this proxy (one proxy per edge of the topology).
    public let source: String

    public init(source: String = "", target: String, targetAddress: String) {
        self.source = source
        self.target = target
        self.targetAddress = targetAddress
    }

    /// Every request forwarded so far.
    public var hops: [RecordedHop] { state.withLock { $0.hops } }

    /// Serves until the task is cancelled.
    public func run() async throws {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            try await forward(request)
        }
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { [self] channel in bound(channel.localAddress?.port ?? 0) },
            logger: Self.quietLogger(target))
        do {
            try await app.runService(gracefulShutdownSignals: [])
        } catch {
            bound(0)  // wakes anyone waiting in listening(): 0 means the proxy did not start
            throw error
        }
        bound(0)
    }

    /// Waits until the proxy listens and returns its port.
    public func listening() async -> Int {
        await withCheckedContinuation { continuation in
            let port: Int? = state.withLock { state in
                if let port = state.port { return port }
                state.waiters.append(continuation)
                return nil
            }
            if let port { continuation.resume(returning: port) }
        }
    }

    private func bound(_ port: Int) {
        let waiters = state.withLock { state in
            guard state.port == nil else { return [CheckedContinuation<Int, Never>]() }
            state.port = port
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    private func forward(_ request: Request) async throws -> Response {
        let headers = request.headers.map { (name: $0.name.canonicalName.lowercased(), value: $0.value) }
        let uri = request.uri.description
        let hop = RecordedHop(
            source: source,
            target: target, method: request.method.rawValue, path: request.uri.path, headers: headers, time: Date())
        state.withLock { $0.hops.append(hop) }
        let body = try await request.body.collect(upTo: Self.maxBody)
        var outgoing = HTTPClientRequest(url: "http://\(targetAddress)\(uri)")
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in headers where !Self.hopByHop.contains(name) { outgoing.headers.add(name: name, value: value) }
        if body.readableBytes > 0 { outgoing.body = .bytes(body) }
        do {
            let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(30))
            let responseBody = try await response.body.collect(upTo: Self.maxBody)
            var fields = HTTPFields()
            for header in response.headers where !Self.hopByHop.contains(header.name.lowercased()) {
                if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: Int(response.status.code)), headers: fields,
                body: ResponseBody(byteBuffer: responseBody))
        } catch {
            return Response(
                status: .badGateway, headers: [:],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "proxy: \(target) unreachable: \(error)")))
        }
    }
}

extension RecordingProxy {
    /// Hummingbird logs its start and cancellation at info/error; the proxy's own failures reach the report instead.
    static func quietLogger(_ target: String) -> Logger {
        var logger = Logger(label: "conformance.proxy.\(target)")
        logger.logLevel = .critical
        return logger
    }
}
