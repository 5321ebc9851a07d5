import ArgumentParser
import ConformanceKit
import Foundation

/// `conformance verify-exporter [--protocol ...] [--batch-size N] [--timeout-ms N] -- COMMAND...`.
struct VerifyExporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-exporter",
        abstract: "Runs COMMAND with OTEL_* pointed at a fake collector and reports what its exporter got wrong.")

    @Option(name: .customLong("protocol"), help: "grpc, http/protobuf or http/json.")
    var exportProtocol: String = "grpc"

    @Option(help: "Passed as OTEL_BSP_MAX_EXPORT_BATCH_SIZE and judged against.")
    var batchSize: Int = 512

    @Option(help: "Passed as OTEL_EXPORTER_OTLP_TIMEOUT (milliseconds) and judged against.")
    var timeoutMs: Int = 10_000

    @Option(help: "Allowed difference between grpc-timeout and --timeout-ms.")
    var toleranceMs: Int = 100

    @Option(help: "text or json.")
    var report: String = "text"

    @Option(help: "Write the report to this file instead of stdout.")
    var output: String?

    @Argument(parsing: .postTerminator, help: "The command to run, after --.")
    var command: [String] = []

    func run() async throws {
        guard ["grpc", "http/protobuf", "http/json"].contains(exportProtocol) else {
            throw failBadInput("--protocol must be grpc, http/protobuf or http/json, got '\(exportProtocol)'")
        }
        guard batchSize >= 1 else { throw failBadInput("--batch-size must be at least 1, got \(batchSize)") }
        guard (1...600_000).contains(timeoutMs) else {
            throw failBadInput("--timeout-ms must be within 1...600000, got \(timeoutMs)")
        }
        guard ["text", "json"].contains(report) else { throw failBadInput("--report must be text or json") }
        guard !command.isEmpty else { throw failBadInput("give the command to run after --") }
        var verifier = ExporterVerifier(exportProtocol: exportProtocol, batchSize: batchSize, timeoutMs: timeoutMs)
        verifier.toleranceMs = toleranceMs
        let verification: ExporterVerification
        do {
            verification = try await verifier.verify(command: command)
        } catch let error as RunnerError where error.code == .executableNotFound || error.code == .launchFailed {
            throw failBadInput(error.message)
        }
        let text = report == "json"
            ? VerificationReporter.json(verification)
            : VerificationReporter.text(verification, colour: output == nil && standardOutputIsTerminal)
        do {
            try emit(text, to: output)
        } catch {
            throw failBadInput("\(error)")
        }
        if verification.hasViolation { throw ExitCode(1) }
    }
}
