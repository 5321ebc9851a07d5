import Foundation
import Testing

/// The demo-service executable as ConformanceKit starts it (docs/architecture.md, "demo-service CLI").
@Suite("demo-service executable")
struct DemoServiceProcessTests {
    static let environment = ["PATH": "/usr/bin:/bin"]

    @Test("prints exactly `ready http=HOST:PORT`, serves, and exits 0 on SIGTERM after flushing")
    func readyAndGracefulShutdown() async throws {
        let binary = try #require(ChildProcess.demoServiceBinary(), "build the demo-service product first")
        let child = try ChildProcess(
            binary,
            arguments: ["--name", "T", "--port", "0", "--otlp-endpoint", "http://127.0.0.1:1", "--export-timeout-ms", "300"],
            environment: Self.environment
        )
        var lines = child.stdoutLines.makeAsyncIterator()
        let ready = try #require(await lines.next())
        let match = try #require(ready.wholeMatch(of: /ready http=127\.0\.0\.1:(\d+)/))
        let port = try #require(Int(match.1))
        #expect(port > 0)
        #expect(try await TestHTTP.send("http://127.0.0.1:\(port)/health").status == 200)
        let answer = try await TestHTTP.send("http://127.0.0.1:\(port)/api/users/5")
        #expect(answer.status == 200)
        #expect(try answer.json()["service"] as? String == "T")

        let stopping = ContinuousClock.now
        child.terminate()
        #expect(await child.waitForExit() == 0)
        // The flush to an unreachable collector is bounded by --export-timeout-ms (300 ms), plus start-up slack.
        #expect(stopping.duration(to: .now) < .seconds(5))
        #expect(await lines.next() == nil, "nothing but the ready line on stdout")
    }

    @Test(
        "refuses bad flags at start-up with exit code 2 and a message naming the flag",
        arguments: [
            (["--downstream", "ftp://127.0.0.1:1"], "--downstream"),
            (["--downstream", "http://127.0.0.1:1/?q"], "--downstream"),
            (["--sampling-rate", "1.5"], "--sampling-rate"),
            (["--propagation", "zipkin"], "--propagation"),
            (["--port", "99999"], "--port"),
            (["--no-such-flag"], "--no-such-flag"),
        ]
    )
    func refusesBadFlags(_ arguments: [String], _ flag: String) async throws {
        let binary = try #require(ChildProcess.demoServiceBinary(), "build the demo-service product first")
        let child = try ChildProcess(binary, arguments: ["--name", "T"] + arguments, environment: Self.environment)
        #expect(await child.waitForExit() == 2)
        let message = child.standardError()
        #expect(message.contains(flag), "\(message)")
    }
}
