import ArgumentParser
import ConformanceKit
import Foundation

/// `conformance verify-exporter [--protocol ...] [--batch-size N] [--timeout-ms N] [--header NAME=VALUE]...
/// [--compression gzip|none] [--timeout-tolerance-ms N] [--no-stall-probe] -- COMMAND...`.
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

    @Option(help: "Allowed difference between when the exporter gives up on the stalled export (measured at the collector) and --timeout-ms.")
    var timeoutToleranceMs: Int = 250

    @Flag(help: "Do not stall the second export (the probe of the timeout measured at the collector).")
    var noStallProbe = false

    @Option(name: .customLong("header"), help: "NAME=VALUE, repeatable: passed as OTEL_EXPORTER_OTLP_HEADERS; every export request must carry it.")
    var headers: [String] = []

    @Option(help: "gzip or none: passed as OTEL_EXPORTER_OTLP_COMPRESSION; every export request must use it.")
    var compression: String?

    @Option(help: "text, json or html (one self-contained page; give --output FILE).")
    var report: String = "text"

    @Option(help: "Write the report to this file instead of stdout.")
    var output: String?

    @Argument(parsing: .postTerminator, help: "The command to run, after --.")
    var command: [String] = []

    func run() async throws {
        var verifier = ExporterVerifier(exportProtocol: exportProtocol, batchSize: batchSize, timeoutMs: timeoutMs)
        verifier.toleranceMs = toleranceMs
        verifier.timeoutToleranceMs = timeoutToleranceMs
        verifier.stallProbe = !noStallProbe
        verifier.compression = compression
        do {
            verifier.headers = try headers.map { text throws(ExporterOptionError) in try ExporterHeader.parse(text) }
            try verifier.validate()
        } catch {
            throw failBadInput(error.message)
        }
        guard ["text", "json", "html"].contains(report) else { throw failBadInput("--report must be text, json or html") }
        guard !command.isEmpty else { throw failBadInput("give the command to run after --") }
        let verification: ExporterVerification
        do {
            verification = try await verifier.verify(command: command)
        } catch let error as RunnerError where error.code == .executableNotFound || error.code == .launchFailed {
            throw failBadInput(error.message)
        }
        let text = report == "json"
            ? VerificationReporter.json(verification)
            : report == "html"
            ? VerificationHTMLReporter.render(verification, exports: verification.exports.isEmpty ? nil : verification.exports)
            : VerificationReporter.text(verification, colour: output == nil && standardOutputIsTerminal)
        do {
            try emit(text, to: output)
        } catch {
            throw failBadInput("\(error)")
        }
        if verification.hasViolation { throw ExitCode(1) }
    }
}
