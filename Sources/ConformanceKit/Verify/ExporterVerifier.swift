import FakeCollector
import Foundation
import Logging

/// Runs a third-party exporter's command against an in-process fake collector and judges what it sent.
///
/// docs/cello-telemetry.md section 7: the command gets OTEL_EXPORTER_OTLP_ENDPOINT / _PROTOCOL, the batch size as
/// OTEL_BSP_MAX_EXPORT_BATCH_SIZE, the timeout as OTEL_EXPORTER_OTLP_TIMEOUT (milliseconds, as the OpenTelemetry
/// specification defines it), and the `--header`s and `--compression` as OTEL_EXPORTER_OTLP_HEADERS /
/// _COMPRESSION; it runs to its exit, and everything it exported is checked. Probes: batch size, `grpc-timeout`
/// (gRPC), a stalled export measured at the collector (the timeout on any protocol), headers and compression on
/// every export request.
public struct ExporterVerifier: Sendable {
    public var exportProtocol: String
    public var batchSize: Int
    public var timeoutMs: Int
    /// Allowed difference between `grpc-timeout` and `timeoutMs`. - Default: 100 ms.
    public var toleranceMs: Int = 100
    /// Allowed difference between when the exporter gives up on the stalled export (measured at the collector) and
    /// `timeoutMs`. - Default: 250 ms.
    public var timeoutToleranceMs: Int = 250
    /// Whether to stall the second export to see when the exporter gives up. - Default: true.
    public var stallProbe: Bool = true
    /// How much longer than `timeoutMs + timeoutToleranceMs` a stall is held before the probe releases it and
    /// reports that the exporter did not give up. - Default: 2000 ms.
    public var stallGraceMs: Int = 2_000
    /// Passed as OTEL_EXPORTER_OTLP_HEADERS; every export request must carry them.
    public var headers: [ExporterHeader] = []
    /// Passed as OTEL_EXPORTER_OTLP_COMPRESSION (`gzip` or `none`); every export request must use it. Nil: not
    /// passed, not judged.
    public var compression: String?
    /// Bound on the command's run; it is killed past it. - Default: 120 s (with the stall probe, at least the
    /// stall's release bound + 30 s, so a long --timeout-ms is still measured).
    public var runLimit: Duration = .seconds(120)

    public static let protocols = ["grpc", "http/protobuf", "http/json"]
    public static let compressions = ["gzip", "none"]

    public init(exportProtocol: String = "grpc", batchSize: Int = 512, timeoutMs: Int = 10_000) {
        self.exportProtocol = exportProtocol
        self.batchSize = batchSize
        self.timeoutMs = timeoutMs
    }

    /// The bound after which a stalled export is released, in milliseconds.
    public var stallReleaseAfterMs: Int { timeoutMs + timeoutToleranceMs + stallGraceMs }

    /// Checks every setting; the CLI turns the error into exit 2.
    /// - Throws: ``ExporterOptionError`` naming the flag, the value and what is allowed.
    public func validate() throws(ExporterOptionError) {
        guard Self.protocols.contains(exportProtocol) else {
            throw ExporterOptionError("--protocol must be grpc, http/protobuf or http/json, got '\(exportProtocol)'")
        }
        guard batchSize >= 1 else { throw ExporterOptionError("--batch-size must be at least 1, got \(batchSize)") }
        guard (1...600_000).contains(timeoutMs) else {
            throw ExporterOptionError("--timeout-ms must be within 1...600000, got \(timeoutMs)")
        }
        guard (0...600_000).contains(toleranceMs) else {
            throw ExporterOptionError("--tolerance-ms must be within 0...600000, got \(toleranceMs)")
        }
        guard (0...600_000).contains(timeoutToleranceMs) else {
            throw ExporterOptionError("--timeout-tolerance-ms must be within 0...600000, got \(timeoutToleranceMs)")
        }
        guard stallGraceMs >= 0 else { throw ExporterOptionError("the stall grace must be >= 0 ms, got \(stallGraceMs)") }
        if let compression, !Self.compressions.contains(compression) {
            throw ExporterOptionError("--compression must be gzip or none, got '\(compression)'")
        }
        var seen: Set<String> = []
        for header in headers {
            guard seen.insert(header.name.lowercased()).inserted else {
                throw ExporterOptionError("--header \(header.name) is given twice")
            }
        }
    }

    /// The OTEL_* variables the command gets, given the collector's addresses.
    func otelEnvironment(grpc: String, http: String) -> [String: String] {
        var environment: [String: String] = [:]
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://" + (exportProtocol == "grpc" ? grpc : http)
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = exportProtocol
        environment["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = String(batchSize)
        environment["OTEL_EXPORTER_OTLP_TIMEOUT"] = String(timeoutMs)
        if !headers.isEmpty { environment["OTEL_EXPORTER_OTLP_HEADERS"] = ExporterHeader.environmentValue(headers) }
        if let compression { environment["OTEL_EXPORTER_OTLP_COMPRESSION"] = compression }
        return environment
    }

    /// Runs `command` (program resolved through PATH) and returns the findings.
    /// - Throws: ``ExporterOptionError`` for a bad setting, ``RunnerError`` when the command cannot start.
    public func verify(command: [String], logger: Logger = Logger(label: "conformance.verify")) async throws -> ExporterVerification {
        try validate()
        guard let program = command.first.flatMap(ExecutableLocator.resolve(program:)) else {
            throw RunnerError(code: .executableNotFound, message: "'\(command.first ?? "")' not found on PATH")
        }
        var configuration = FakeCollectorConfiguration()
        configuration.grpcPort = 0
        configuration.httpPort = 0
        configuration.queryPort = 0
        configuration.expectedBatchSize = batchSize
        if stallProbe { configuration.faultPlan = StallProbe.plan(for: exportProtocol) }
        var quiet = logger
        quiet.logLevel = .error
        return try await FakeCollector.withRunning(configuration: configuration, logger: quiet) { collector, addresses in
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OTEL_") }
            environment.merge(otelEnvironment(grpc: addresses.grpc, http: addresses.http)) { _, new in new }
            environment["OTEL_SERVICE_NAME"] = ProcessInfo.processInfo.environment["OTEL_SERVICE_NAME"] ?? "verify-exporter"
            environment["PYTHONUNBUFFERED"] = "1"
            let process = try ServiceProcess(
                name: "exporter", arguments: [program] + command.dropFirst(), environment: environment)
            let probe = StallProbe(collector: collector, releaseAfter: .milliseconds(stallReleaseAfterMs))
            let stallProbe = self.stallProbe
            let runLimit = stallProbe
                ? max(self.runLimit, .milliseconds(stallReleaseAfterMs) + .seconds(30)) : self.runLimit
            let (status, killed, exitTime, watched) = await withTaskGroup(of: StallProbe.Watched?.self) { group in
                if stallProbe { group.addTask { await probe.watch() } }
                var killed = false
                var status = await withDeadline(runLimit) { await process.waitForExit() } ?? nil
                if status == nil {
                    (status, killed) = await process.stop(grace: .seconds(5))
                }
                let exitTime = Date()
                // No stall yet means none will come: stop waiting for one. A stall that began is watched to its end
                // (bounded by the release).
                if !collector.exportRequests().contains(where: { $0.fault == FaultAction.stall.rawValue }) {
                    group.cancelAll()
                }
                let watched = await group.next() ?? nil
                return (status, killed, exitTime, watched)
            }
            let stall = watched.map {
                StallProbe.observation(
                    $0, records: collector.exportRequests(), releaseAfterMs: stallReleaseAfterMs, commandExit: exitTime)
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
            verification.toleranceMs = toleranceMs
            verification.timeoutToleranceMs = timeoutToleranceMs
            verification.headers = headers
            verification.compression = compression
            verification.stall = stall
            let rules = ExporterRules(verifier: self)
            verification.findings += rules.judge(requests: requests, spans: spans, verification)
            verification.probes = rules.probes(requests: requests, verification, findings: verification.findings)
            verification.exports = ExportRecord.records(requests)
            return verification
        }
    }
}
