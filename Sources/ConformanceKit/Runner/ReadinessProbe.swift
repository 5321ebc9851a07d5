import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Waits for something the runner did not start itself to be ready: a TCP port accepting connections, or an HTTP
/// URL answering 200. Each attempt is a real connect/request; between attempts the probe backs off (50 ms doubling to
/// 500 ms), and the whole wait is bounded.
///
/// The collector images have no shell, so readiness is probed from the runner; external services are waited for
/// by probing their /health or the port, never by sleeping blindly.
enum ReadinessProbe {
    /// Probes until `127.0.0.1:port`-style `host:port` accepts a TCP connection, `limit` passes, or `giveUp` says so.
    /// - Throws: ``RunnerError`` `.notReady` with the last connect error.
    static func waitForPort(
        host: String, port: Int, limit: Duration, what: String, giveUp: @Sendable () -> String? = { nil }
    ) async throws(RunnerError) {
        try await poll(limit: limit, what: "\(what) (\(host):\(port))", giveUp: giveUp) {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(1))
                .connect(host: host, port: port).get()
            try? await channel.close()
            return nil
        }
    }

    /// Probes until `url` answers HTTP 200 or `limit` passes.
    /// - Throws: ``RunnerError`` `.notReady` with the last status or error.
    static func waitForHTTP200(_ url: String, limit: Duration, what: String) async throws(RunnerError) {
        let components = URLComponents(string: url)
        let host = components?.host ?? "127.0.0.1"
        let port = components?.port ?? (components?.scheme == "https" ? 443 : 80)
        try await poll(limit: limit, what: "\(what) (\(url))", giveUp: { nil }) {
            // A plain connect first: it fails at once on a closed port, where AsyncHTTPClient would keep retrying
            // the connection until the request's own timeout.
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(1))
                .connect(host: host, port: port).get()
            try? await channel.close()
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
            _ = try? await response.body.collect(upTo: 1 << 16)
            return response.status.code == 200 ? nil : "HTTP \(response.status.code)"
        }
    }

    /// Runs `attempt` (nil = ready, text = not yet, thrown = not yet) until it is ready or the bound passes.
    private static func poll(
        limit: Duration, what: String, giveUp: @Sendable () -> String?,
        _ attempt: @Sendable () async throws -> String?
    ) async throws(RunnerError) {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var pause = Duration.milliseconds(50)
        var last = "no attempt made"
        while true {
            do {
                guard let notYet = try await attempt() else { return }
                last = notYet
            } catch {
                last = "\(error)"
            }
            if let reason = giveUp() {
                throw RunnerError(code: .notReady, message: "\(what) will not become ready: \(reason)")
            }
            guard clock.now + pause < deadline, !Task.isCancelled else {
                throw RunnerError(code: .notReady, message: "\(what) was not ready within \(limit): \(last)")
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(500))
        }
    }
}
