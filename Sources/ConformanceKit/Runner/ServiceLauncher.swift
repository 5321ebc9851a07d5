import Foundation

/// Turns a ``ServiceSpec`` into a command line and an environment, and starts it.
///
/// Every service is configured only through the standard OTEL_* variables plus the topology flags
/// (`--name`, `--host`, `--port 0`, `--downstream URL`), so any hop can be a third-party service
/// (docs/cello-telemetry.md sections 1 and 7).
struct ServiceLauncher: Sendable {
    var locator: ExecutableLocator
    /// Variables added to every service (tests use it to switch on a peer defect).
    var extraEnvironment: [String: String] = [:]

    /// The command line for `service`, whose downstreams listen at `downstreamURLs`.
    func arguments(for service: ServiceSpec, downstreamURLs: [String]) throws -> [String] {
        let topology = ["--name", service.name, "--host", "127.0.0.1", "--port", "0"]
            + downstreamURLs.flatMap { ["--downstream", $0] }
        if service.kind == .demo {
            return [try locator.demoService()] + topology
        } else if service.kind == .python {
            guard locator.pythonVenvExists else {
                throw RunnerError(
                    code: .executableNotFound,
                    message: "\(locator.pythonExecutable) is missing: run scripts/setup.sh to create the peers' venv")
            }
            return [locator.pythonExecutable, locator.pythonPeerFolder + "/service.py"] + topology
        } else {
            let substituted = service.command.map {
                $0.replacingOccurrences(of: "{port}", with: "0")
                    .replacingOccurrences(of: "{host}", with: "127.0.0.1")
                    .replacingOccurrences(of: "{name}", with: service.name)
                    .replacingOccurrences(of: "{downstream}", with: downstreamURLs.joined(separator: ","))
            }
            guard let program = ExecutableLocator.resolve(program: substituted[0]) else {
                throw RunnerError(code: .executableNotFound, message: "\(service.name): '\(substituted[0])' not found on PATH")
            }
            return [program] + substituted.dropFirst()
        }
    }

    /// The environment: this process's, without any OTEL_* or CELLO_PEER_* it carries, plus the service's.
    func environment(for service: ServiceSpec, endpoint: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("OTEL_") && !$0.key.hasPrefix("CELLO_PEER_")
        }
        environment["PYTHONUNBUFFERED"] = "1"
        environment.merge(service.otelEnvironment(endpoint: endpoint)) { _, new in new }
        environment.merge(extraEnvironment) { _, new in new }
        environment.merge(service.environment) { _, new in new }
        return environment
    }

    /// Starts the service and waits for its ready line; the process is returned even when it never got ready,
    /// so its output reaches the report.
    func start(
        _ service: ServiceSpec, downstreamURLs: [String], endpoint: String, readyLimit: Duration
    ) async throws -> (ServiceProcess, Result<String, any Error>) {
        let process = try ServiceProcess(
            name: service.name, arguments: try arguments(for: service, downstreamURLs: downstreamURLs),
            environment: environment(for: service, endpoint: endpoint), directory: locator.root)
        do {
            return (process, .success(try await process.waitUntilReady(limit: readyLimit)))
        } catch {
            return (process, .failure(error))
        }
    }
}
