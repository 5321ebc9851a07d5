import FakeCollector
import Foundation
import Logging

/// Runs a third-party exporter's command against an in-process fake collector and judges what it sent.
///
/// docs/cello-telemetry.md section 7: the command gets OTEL_EXPORTER_OTLP_ENDPOINT / _PROTOCOL, the batch size as
/// OTEL_BSP_MAX_EXPORT_BATCH_SIZE and the timeout as OTEL_EXPORTER_OTLP_TIMEOUT (milliseconds, as the
/// OpenTelemetry specification defines it), runs to its exit, and everything it exported is checked.
public struct ExporterVerifier: Sendable {
    public var exportProtocol: String
    public var batchSize: Int
    public var timeoutMs: Int
    /// Allowed difference between `grpc-timeout` and `timeoutMs`. - Default: 100 ms.
    public var toleranceMs: Int = 100
    /// Bound on the command's run; it is killed past it. - Default: 120 s.
    public var runLimit: Duration = .seconds(120)

    public init(exportProtocol: String = "grpc", batchSize: Int = 512, timeoutMs: Int = 10_000) {
        self.exportProtocol = exportProtocol
        self.batchSize = batchSize
        self.timeoutMs = timeoutMs
    }

    /// Runs `command` (program resolved through PATH) and returns the findings.
    public func verify(command: [String], logger: Logger = Logger(label: "conformance.verify")) async throws -> ExporterVerification {
        guard let program = command.first.flatMap(ExecutableLocator.resolve(program:)) else {
            throw RunnerError(code: .executableNotFound, message: "'\(command.first ?? "")' not found on PATH")
        }
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        configuration.expectedBatchSize = batchSize
        var quiet = logger
        quiet.logLevel = .error
        return try await FakeCollector.withRunning(configuration: configuration, logger: quiet) { _, addresses in
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") }
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] =
                "http://" + (exportProtocol == "grpc" ? addresses.grpc : addresses.http)
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = exportProtocol
            environment["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = String(batchSize)
            environment["OTEL_EXPORTER_OTLP_TIMEOUT"] = String(timeoutMs)
            environment["OTEL_SERVICE_NAME"] = ProcessInfo.processInfo.environment["OTEL_SERVICE_NAME"] ?? "verify-exporter"
            environment["PYTHONUNBUFFERED"] = "1"
            let process = try ServiceProcess(
                name: "exporter", arguments: [program] + command.dropFirst(), environment: environment)
            var killed = false
            var status = await withDeadline(runLimit) { await process.waitForExit() } ?? nil
            if status == nil {
                (status, killed) = await process.stop(grace: .seconds(5))
            }
            let backend = FakeCollectorBackend(queryAddress: addresses.query)
            let requests = try await backend.harness!.requests().filter { $0.signal == "traces" }
            let wireFindings = try await backend.harness!.findings()
            let services = try await backend.query.services()
            let spans = try await backend.spans(
                services: services, from: Date().addingTimeInterval(-86_400), to: Date().addingTimeInterval(3_600),
                maxTraces: 1_000_000)
            var verification = ExporterVerification(
                command: command, exportProtocol: exportProtocol, batchSize: batchSize, timeoutMs: timeoutMs,
                exitStatus: status, killed: killed, requestCount: requests.count,
                spansExported: requests.filter { $0.status == "0" || $0.status == "200" }.map(\.spanCount).reduce(0, +),
                spansQueried: spans.count, batchSizes: requests.map(\.spanCount),
                grpcTimeoutsMs: requests.compactMap(\.grpcTimeoutMs), findings: wireFindings,
                output: process.output)
            verification.findings += ExporterRules(verifier: self).judge(requests: requests, spans: spans, verification)
            return verification
        }
    }
}
