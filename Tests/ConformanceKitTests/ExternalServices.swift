import ConformanceKit
import Foundation
import Synchronization

/// Three demo-services (service-c, service-b, service-a, chained) started by a test, playing the compose stack's
/// already running a, b, c: the runner only sees their URLs.
final class ExternalServices: Sendable {
    private let processes = Mutex<[ServiceProcess]>([])

    /// Starts c, then b -> c, then a -> b; returns the base URLs of a, b, c.
    func startChain(otlpEndpoint: String) async throws -> [String] {
        let binary = try TestSupport.locator.demoService()
        var downstream: String?
        var urls: [String] = []
        for name in ["service-c", "service-b", "service-a"] {
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") }
            environment["OTEL_SERVICE_NAME"] = name
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc"
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "200"
            let arguments = [binary, "--name", name, "--host", "127.0.0.1", "--port", "0"]
                + (downstream.map { ["--downstream", $0] } ?? [])
            let process = try ServiceProcess(name: name, arguments: arguments, environment: environment)
            processes.withLock { $0.append(process) }
            let address = try await process.waitUntilReady(limit: .seconds(30))
            downstream = "http://\(address)"
            urls.insert("http://\(address)", at: 0)
        }
        return urls
    }

    /// Whether every process is still running.
    var allRunning: Bool { processes.withLock { $0 }.allSatisfy { $0.exitStatusIfExited == nil } }

    func stopAll() async {
        for process in processes.withLock({ $0 }) { await process.stop(grace: .seconds(10)) }
    }
}
