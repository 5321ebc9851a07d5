import ArgumentParser
import FakeCollector
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `fake-collector`: runs the fake OTLP collector until SIGTERM/SIGINT (docs/cello-telemetry.md section 6, CLI).
/// Prints `ready grpc=HOST:PORT http=HOST:PORT query=HOST:PORT` once all listeners are bound.
@main
struct FakeCollectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-collector",
        abstract: "An OTLP collector that judges what it receives (gRPC, HTTP) and serves a Jaeger api_v3 query API.")

    @Option(help: "Address every listener binds.")
    var host = "127.0.0.1"
    @Option(help: "OTLP/gRPC port (0 picks a free port).")
    var grpcPort = 4317
    @Option(help: "OTLP/HTTP port (0 picks a free port).")
    var httpPort = 4318
    @Option(help: "Query and harness API port (0 picks a free port).")
    var queryPort = 16686
    @Option(help: "A fault plan file (YAML or JSON).")
    var faults: String?
    @Option(help: "Most spans the store keeps before evicting the oldest traces.")
    var maxSpans = 1_000_000
    @Option(help: "The exporter's configured batch size; larger exports are a finding.")
    var expectedBatchSize: Int?

    func validate() throws {
        for (name, port) in [("--grpc-port", grpcPort), ("--http-port", httpPort), ("--query-port", queryPort)]
        where !(0...65_535).contains(port) {
            throw ValidationError("\(name) must be within 0...65535, got \(port)")
        }
        guard maxSpans >= 1 else { throw ValidationError("--max-spans must be >= 1, got \(maxSpans)") }
        if let expectedBatchSize, expectedBatchSize < 1 {
            throw ValidationError("--expected-batch-size must be >= 1, got \(expectedBatchSize)")
        }
    }

    func run() async throws {
        var configuration = FakeCollectorConfiguration()
        configuration.host = host
        configuration.grpcPort = grpcPort
        configuration.httpPort = httpPort
        configuration.queryPort = queryPort
        configuration.maxSpans = maxSpans
        configuration.expectedBatchSize = expectedBatchSize
        if let faults {
            let text: String
            do {
                text = try String(contentsOfFile: faults, encoding: .utf8)
            } catch {
                throw ValidationError("--faults: cannot read \(faults): \(error.localizedDescription)")
            }
            do {
                configuration.faultPlan = try FaultPlan.parse(text)
            } catch {
                throw ValidationError("--faults: \(error.message)")
            }
        }
        let logger = Logger(label: "fake-collector")
        let collector = FakeCollector(configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [collector], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let addresses = try await collector.listening()
            // FileHandle writes straight to fd 1: nothing buffered, so a parent reading the pipe sees it at once.
            let line = "ready grpc=\(addresses.grpc) http=\(addresses.http) query=\(addresses.query)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            try await tasks.waitForAll()
        }
    }

    /// Parses flags (bad flags exit 2 with the reason on stderr), sends logs to stderr, runs.
    static func main() async {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
