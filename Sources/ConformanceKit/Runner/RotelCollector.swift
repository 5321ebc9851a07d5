import Foundation

/// `rotel-agent` (a real OTLP collector, from the pinned `rotel` wheel) running between a scenario's services and
/// the in-process fake collector: it receives OTLP/gRPC and OTLP/HTTP on free loopback ports and forwards over
/// OTLP/gRPC. Waited for by connecting to both ports (it prints no ready line); always stopped by the runner, and
/// stopping it flushes what it still batches.
///
/// A real collector in the loop without Docker (SDK -> real collector -> fake collector).
struct RotelCollector: Sendable {
    let process: ServiceProcess
    /// `127.0.0.1:PORT` of its OTLP/gRPC receiver.
    let grpcAddress: String
    /// `127.0.0.1:PORT` of its OTLP/HTTP receiver.
    let httpAddress: String

    /// Starts rotel forwarding to `forwardTo` (`127.0.0.1:PORT` of the fake collector's gRPC receiver) and waits
    /// until both receivers accept connections. The process is stopped again when it does not get ready.
    static func start(locator: ExecutableLocator, forwardTo: String, limit: Duration) async throws -> RotelCollector {
        let binary = try locator.rotelAgent()
        let grpcPort = FreePort.closedLoopbackPort()
        var httpPort = FreePort.closedLoopbackPort()
        while httpPort == grpcPort { httpPort = FreePort.closedLoopbackPort() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-rotel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let arguments = [
            binary, "start",
            "--otlp-grpc-endpoint", "127.0.0.1:\(grpcPort)",
            "--otlp-http-endpoint", "127.0.0.1:\(httpPort)",
            "--exporter", "otlp",
            "--otlp-exporter-endpoint", "http://\(forwardTo)",
            "--otlp-exporter-protocol", "grpc",
            "--pid-file", scratch.appendingPathComponent("rotel.pid").path,
            "--log-file", scratch.appendingPathComponent("rotel.log").path,
        ]
        let environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("ROTEL_") && !$0.key.hasPrefix("OTEL_")
        }
        let process = try ServiceProcess(name: "rotel", arguments: arguments, environment: environment)
        let rotel = RotelCollector(
            process: process, grpcAddress: "127.0.0.1:\(grpcPort)", httpAddress: "127.0.0.1:\(httpPort)")
        do {
            for port in [grpcPort, httpPort] {
                try await ReadinessProbe.waitForPort(
                    host: "127.0.0.1", port: port, limit: limit, what: "rotel",
                    giveUp: { process.exitStatusIfExited.map { "it exited with status \($0)" } })
            }
        } catch {
            await process.stop(grace: .seconds(5))
            throw RunnerError(
                code: .notReady, message: "\(error); rotel output: \(process.output.suffix(10).joined(separator: " / "))")
        }
        return rotel
    }

    /// The endpoint a service exporting with `service`'s protocol uses.
    func endpoint(for service: ServiceSpec) -> String {
        "http://" + (service.usesGRPC ? grpcAddress : httpAddress)
    }

    /// SIGTERM (rotel flushes its batches to the fake collector), SIGKILL after `grace`; the run for the report.
    func stop(grace: Duration) async -> ServiceRun {
        let (status, killed) = await process.stop(grace: grace)
        return ServiceRun(
            name: "rotel", kind: "collector", commandLine: process.commandLine, address: grpcAddress,
            exitStatus: status, killed: killed, output: process.output)
    }
}
