import Foundation

/// The verifier's own rules, on top of the collector's wire findings: what the exporter made of the configuration
/// it was given, and whether its spans arrived. Each finding has a rule id (`exporter.*`); each probe (a behaviour
/// judged) is reported as run or not run, with why (docs/cello-telemetry.md section 7, verify-exporter).
struct ExporterRules {
    var verifier: ExporterVerifier

    static let batchRules = ["batch.size", "exporter.batch-size"]
    static let grpcTimeoutRules = [
        "exporter.timeout-units", "exporter.timeout-ignored", "exporter.timeout-rounded-up",
        "exporter.grpc-timeout-missing",
    ]
    static let stallRules = ["exporter.timeout.honoured"]
    static let headerRules = ["exporter.headers"]
    static let compressionRules = ["exporter.compression"]

    func judge(requests: [HarnessRequest], spans: [QueriedSpan], _ run: ExporterVerification) -> [HarnessFinding] {
        var findings: [HarnessFinding] = []
        if requests.isEmpty {
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.nothing-exported", severity: "violation",
                    message: "the command exited without exporting any span",
                    evidence: "exit status \(run.exitStatus.map(String.init) ?? "?")"))
        }
        let collectorJudgedBatches = run.findings.contains { $0.ruleId.contains("batch") }
        if !collectorJudgedBatches {
            for request in requests where request.spanCount > verifier.batchSize {
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.batch-size", severity: "violation",
                        message: "export request carried \(request.spanCount) spans, over OTEL_BSP_MAX_EXPORT_BATCH_SIZE=\(verifier.batchSize)",
                        evidence: "request #\(request.id)", requestId: request.id))
            }
        }
        findings += grpcTimeoutFindings(requests)
        if let stall = run.stall { findings += stallFindings(stall) }
        findings += headerFindings(requests)
        findings += compressionFindings(requests)
        if run.spansQueried < run.spansExported {
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.spans-unreadable", severity: "violation",
                    message: "\(run.spansExported) spans were accepted but \(run.spansQueried) could be read back",
                    evidence: "query API /api/v3/traces"))
        }
        if let status = run.exitStatus, status != 0 {
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.command-failed", severity: "warning",
                    message: "the command exited with status \(status)\(run.killed ? " after being killed" : "")",
                    evidence: run.output.suffix(3).joined(separator: " | ")))
        }
        return findings
    }

    // MARK: grpc-timeout

    private func grpcTimeoutFindings(_ requests: [HarnessRequest]) -> [HarnessFinding] {
        var findings: [HarnessFinding] = []
        let timeout = Double(verifier.timeoutMs)
        let tolerance = Double(verifier.toleranceMs)
        let grpcRequests = requests.filter { $0.exportProtocol == "grpc" }
        for request in grpcRequests {
            guard let sent = request.grpcTimeoutMs else { continue }
            if sent >= timeout * 1000 * 0.9, sent <= timeout * 1000 * 1.1 {  // a thousand times too long: seconds
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.timeout-units", severity: "violation",
                        message: "OTEL_EXPORTER_OTLP_TIMEOUT=\(verifier.timeoutMs) is read as seconds, not milliseconds "
                            + "(the specification says milliseconds)",
                        evidence: "request #\(request.id) grpc-timeout \(format(sent)) ms", requestId: request.id))
            } else if sent > timeout + tolerance {
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.timeout-ignored", severity: "violation",
                        message: "grpc-timeout is longer than OTEL_EXPORTER_OTLP_TIMEOUT=\(verifier.timeoutMs) ms",
                        evidence: "request #\(request.id) grpc-timeout \(format(sent)) ms", requestId: request.id))
            } else if sent > timeout {
                findings.append(
                    HarnessFinding(
                        ruleId: "exporter.timeout-rounded-up", severity: "warning",
                        message: "grpc-timeout exceeds the configured \(verifier.timeoutMs) ms (rounded up; within "
                            + "the \(verifier.toleranceMs) ms tolerance)",
                        evidence: "request #\(request.id) grpc-timeout \(format(sent)) ms", requestId: request.id))
            }
        }
        // One finding per rule is enough when several requests repeat it.
        for rule in ["exporter.timeout-units", "exporter.timeout-ignored", "exporter.timeout-rounded-up"] {
            let repeated = findings.filter { $0.ruleId == rule }
            guard var summary = repeated.first, repeated.count > 1 || rule == "exporter.timeout-units" else { continue }
            findings.removeAll { $0.ruleId == rule }
            summary.evidence += " (\(repeated.count) requests)"
            findings.append(summary)
        }
        if !grpcRequests.isEmpty, grpcRequests.allSatisfy({ $0.grpcTimeoutMs == nil }) {
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.grpc-timeout-missing", severity: "warning",
                    message: "no export request carried grpc-timeout, though OTEL_EXPORTER_OTLP_TIMEOUT="
                        + "\(verifier.timeoutMs) was set",
                    evidence: "\(grpcRequests.count) gRPC export request(s) without grpc-timeout",
                    requestId: grpcRequests[0].id))
        }
        return findings
    }

    // MARK: stall (the timeout, measured at the collector)

    /// The stalled export must end within --timeout-ms ± --timeout-tolerance-ms of its arrival.
    func stallFindings(_ stall: StallObservation) -> [HarnessFinding] {
        let timeout = Double(verifier.timeoutMs)
        let tolerance = Double(verifier.timeoutToleranceMs)
        let evidence = stallEvidence(stall)
        if stall.released || stall.openMs == nil {
            return [
                HarnessFinding(
                    ruleId: "exporter.timeout.honoured", severity: "violation",
                    message: "the exporter did not give up on a stalled export within \(stall.releaseAfterMs) ms "
                        + "(--timeout-ms \(verifier.timeoutMs) + \(verifier.timeoutToleranceMs) ms tolerance + "
                        + "\(verifier.stallGraceMs) ms); the collector released it",
                    evidence: evidence, requestId: stall.requestId)
            ]
        }
        let open = stall.openMs ?? 0
        if open > timeout + tolerance {
            return [
                HarnessFinding(
                    ruleId: "exporter.timeout.honoured", severity: "violation",
                    message: "the exporter held a stalled export longer than --timeout-ms \(verifier.timeoutMs) "
                        + "(+ \(verifier.timeoutToleranceMs) ms tolerance) before giving up",
                    evidence: evidence, requestId: stall.requestId)
            ]
        }
        if open < timeout - tolerance {
            return [
                HarnessFinding(
                    ruleId: "exporter.timeout.honoured", severity: "warning",
                    message: "the exporter gave up on a stalled export before --timeout-ms \(verifier.timeoutMs) "
                        + "(- \(verifier.timeoutToleranceMs) ms tolerance)",
                    evidence: evidence, requestId: stall.requestId)
            ]
        }
        return []
    }

    func stallEvidence(_ stall: StallObservation) -> String {
        let open = stall.openMs.map { format($0) } ?? "> \(stall.releaseAfterMs)"
        var text = "stalled export #\(stall.requestId) open \(open) ms, --timeout-ms \(verifier.timeoutMs)"
        if stall.released {
            text += " (did not give up within \(stall.releaseAfterMs) ms: released by the collector)"
        } else {
            text += " (± \(verifier.timeoutToleranceMs) ms; ended \(stall.end)"
                + (stall.endedWithCommand ? ", as the command exited" : "") + ")"
        }
        return text
    }

    // MARK: headers and compression

    private func headerFindings(_ requests: [HarnessRequest]) -> [HarnessFinding] {
        var findings: [HarnessFinding] = []
        for header in verifier.headers {
            let key = header.name.lowercased()
            let wrong = requests.filter { $0.headers[key] != header.value }
            guard let first = wrong.first else { continue }
            let shown = wrong.prefix(3).map { request in
                "request #\(request.id): " + (request.headers[key].map { "\(header.name): '\($0)'" } ?? "absent")
            }
            let missing = wrong.filter { $0.headers[key] == nil }.count
            let what = missing == wrong.count ? "missing on" : missing == 0 ? "with another value on" : "missing or different on"
            findings.append(
                HarnessFinding(
                    ruleId: "exporter.headers", severity: "violation",
                    message: "header \(header.name) (OTEL_EXPORTER_OTLP_HEADERS) \(what) \(wrong.count) of "
                        + "\(requests.count) export requests",
                    evidence: shown.joined(separator: "; ") + (wrong.count > 3 ? "; ..." : ""),
                    requestId: first.id))
        }
        return findings
    }

    private func compressionFindings(_ requests: [HarnessRequest]) -> [HarnessFinding] {
        guard let compression = verifier.compression else { return [] }
        let wrong = requests.filter { $0.compression != compression }
        guard let first = wrong.first else { return [] }
        let ids = wrong.prefix(5).map { "#\($0.id)" }.joined(separator: ", ") + (wrong.count > 5 ? ", ..." : "")
        let seen = Set(wrong.map(\.compression)).sorted().joined(separator: ", ")
        return [
            HarnessFinding(
                ruleId: "exporter.compression", severity: "violation",
                message: "OTEL_EXPORTER_OTLP_COMPRESSION=\(compression), but \(wrong.count) of \(requests.count) "
                    + "export requests arrived with compression \(seen)",
                evidence: "request(s) \(ids): compression \(seen)", requestId: first.id)
        ]
    }

    // MARK: probes

    /// Every probe, run or not (and why), with its outcome from `findings` (all the run's findings).
    func probes(requests: [HarnessRequest], _ run: ExporterVerification, findings: [HarnessFinding]) -> [ProbeReport] {
        var probes: [ProbeReport] = []
        let nothing = "no export request arrived"
        if requests.isEmpty {
            probes.append(.notRun("batch-size", ruleIds: Self.batchRules, because: nothing))
        } else {
            probes.append(
                .ran(
                    "batch-size", ruleIds: Self.batchRules, findings: findings,
                    detail: "largest export \(requests.map(\.spanCount).max() ?? 0) spans, --batch-size \(verifier.batchSize)"))
        }
        if verifier.exportProtocol != "grpc" {
            probes.append(
                .notRun(
                    "grpc-timeout", ruleIds: Self.grpcTimeoutRules,
                    because: "only gRPC carries the timeout on the wire; over \(verifier.exportProtocol) the stall probe judges it"))
        } else if requests.isEmpty {
            probes.append(.notRun("grpc-timeout", ruleIds: Self.grpcTimeoutRules, because: nothing))
        } else {
            let sent = Set(requests.compactMap(\.grpcTimeoutMs).map(format)).sorted()
            let detail = sent.isEmpty
                ? "no grpc-timeout on \(requests.count) export requests, --timeout-ms \(verifier.timeoutMs)"
                : "grpc-timeout \(sent.joined(separator: ", ")) ms on \(requests.filter { $0.grpcTimeoutMs != nil }.count) "
                    + "export requests, --timeout-ms \(verifier.timeoutMs) (± \(verifier.toleranceMs) ms)"
            probes.append(.ran("grpc-timeout", ruleIds: Self.grpcTimeoutRules, findings: findings, detail: detail))
        }
        if let stall = run.stall {
            probes.append(.ran("stall", ruleIds: Self.stallRules, findings: findings, detail: stallEvidence(stall)))
        } else if !verifier.stallProbe {
            probes.append(.notRun("stall", ruleIds: Self.stallRules, because: "turned off with --no-stall-probe"))
        } else if requests.count < 2 {
            probes.append(
                .notRun(
                    "stall", ruleIds: Self.stallRules,
                    because: "the command sent \(requests.count) export request(s); the probe stalls the second "
                        + "(a --batch-size below the number of spans the command emits gives more)"))
        } else {
            probes.append(.notRun("stall", ruleIds: Self.stallRules, because: "no export request was stalled"))
        }
        if verifier.headers.isEmpty {
            probes.append(.notRun("headers", ruleIds: Self.headerRules, because: "no --header given"))
        } else if requests.isEmpty {
            probes.append(.notRun("headers", ruleIds: Self.headerRules, because: nothing))
        } else {
            probes.append(
                .ran(
                    "headers", ruleIds: Self.headerRules, findings: findings,
                    detail: "\(verifier.headers.map(\.name).joined(separator: ", ")) checked on \(requests.count) export requests"))
        }
        if let compression = verifier.compression {
            if requests.isEmpty {
                probes.append(.notRun("compression", ruleIds: Self.compressionRules, because: nothing))
            } else {
                let matching = requests.filter { $0.compression == compression }.count
                probes.append(
                    .ran(
                        "compression", ruleIds: Self.compressionRules, findings: findings,
                        detail: "\(compression) on \(matching) of \(requests.count) export requests"))
            }
        } else {
            probes.append(
                .notRun(
                    "compression", ruleIds: Self.compressionRules,
                    because: "no --compression given (the exporter's default is not judged)"))
        }
        return probes
    }

    func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
