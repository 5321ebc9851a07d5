import Foundation

/// Turns a ``ServiceSpec`` into a command line and an environment, and starts it.
///
/// Every service is configured only through the standard OTEL_* variables plus the topology flags
/// (`--name`, `--host`, `--port 0`, `--downstream URL`), so any hop can be a third-party service
/// (docs/cello-telemetry.md sections 1 and 7).
///
/// A `command` service is run as its author would run it from the scenario's folder: `${NAME}` in its arguments
/// and `env` values is expanded from the runner's environment (an unset one is an error naming the service and
/// the variable), a relative program path (`./svc.sh`, `bin/svc`) is resolved from the scenario file's folder (a
/// bare name through PATH), and that folder is its working folder.
struct ServiceLauncher: Sendable {
    var locator: ExecutableLocator
    /// Variables added to every service (tests use it to switch on a peer defect).
    var extraEnvironment: [String: String] = [:]
    /// The scenario file's folder: a `command` service's working folder, and where its relative program path is
    /// resolved from. Nil (a scenario built in code): the package root.
    var scenarioFolder: String?
    /// Where `${NAME}` in a `command` service's arguments and `env` values is looked up. - Default: this
    /// process's environment.
    var variables: [String: String] = ProcessInfo.processInfo.environment

    /// The launcher for `scenario`'s services: its folder from its file.
    init(locator: ExecutableLocator, extraEnvironment: [String: String] = [:], scenarioFile: String = "",
         variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.locator = locator
        self.extraEnvironment = extraEnvironment
        self.scenarioFolder = scenarioFile.isEmpty
            ? nil : URL(fileURLWithPath: scenarioFile).deletingLastPathComponent().standardizedFileURL.path
        self.variables = variables
    }

    /// A `command` service's working folder (and the base of its relative program path).
    var commandFolder: String { scenarioFolder ?? locator.root }

    /// The working folder of `service`: the scenario's folder for a `command`, the package root otherwise.
    func workingFolder(for service: ServiceSpec) -> String {
        service.kind == .command ? commandFolder : locator.root
    }

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
            guard !service.command.isEmpty else {
                throw RunnerError(code: .launchFailed, message: "\(service.name): kind command needs a command")
            }
            var substituted: [String] = []
            for (index, argument) in service.command.enumerated() {
                let what = index == 0 ? "the command's program" : "command argument \(index)"
                let expanded = try VariableExpansion.expand(
                    argument, environment: variables, context: "\(service.name): \(what)")
                substituted.append(
                    expanded.replacingOccurrences(of: "{port}", with: "0")
                        .replacingOccurrences(of: "{host}", with: "127.0.0.1")
                        .replacingOccurrences(of: "{name}", with: service.name)
                        .replacingOccurrences(of: "{downstream}", with: downstreamURLs.joined(separator: ",")))
            }
            let program = try ExecutableLocator.resolve(
                program: substituted[0], relativeTo: commandFolder, path: variables["PATH"], service: service.name)
            return [program] + substituted.dropFirst()
        }
    }

    /// The environment: this process's, without any OTEL_* or CELLO_PEER_* it carries, plus the service's (a
    /// `command` service's `env` values with `${NAME}` expanded).
    /// - Throws: ``RunnerError`` `.launchFailed` naming the service, the `env` key and the variable when a
    ///   `${NAME}` is unset.
    func environment(for service: ServiceSpec, endpoint: String) throws(RunnerError) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("OTEL_") && !$0.key.hasPrefix("CELLO_PEER_")
        }
        environment["PYTHONUNBUFFERED"] = "1"
        environment.merge(service.otelEnvironment(endpoint: endpoint)) { _, new in new }
        environment.merge(extraEnvironment) { _, new in new }
        var own = service.environment
        if service.kind == .command {
            for (key, value) in service.environment.sorted(by: { $0.key < $1.key }) {
                own[key] = try VariableExpansion.expand(
                    value, environment: variables, context: "\(service.name): env \(key)")
            }
        }
        environment.merge(own) { _, new in new }
        return environment
    }

    /// Starts the service and waits for its ready line; the process is returned even when it never got ready,
    /// so its output reaches the report.
    func start(
        _ service: ServiceSpec, downstreamURLs: [String], endpoint: String, readyLimit: Duration
    ) async throws -> (ServiceProcess, Result<String, any Error>) {
        let process = try ServiceProcess(
            name: service.name, arguments: try arguments(for: service, downstreamURLs: downstreamURLs),
            environment: try environment(for: service, endpoint: endpoint), directory: workingFolder(for: service))
        do {
            return (process, .success(try await process.waitUntilReady(limit: readyLimit)))
        } catch {
            return (process, .failure(error))
        }
    }
}
