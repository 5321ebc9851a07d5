import CelloOTLP

/// The receiver-independent half of an export: decode, judge, store (docs/cello-telemetry.md section 6).
///
/// Both receivers hand it a decompressed body; it adds its findings to the request's collector and returns what
/// the answer and the harness record need.
struct ExportIngestor: Sendable {
    struct Result: Sendable {
        var itemCount = 0
        var traceIDs: [String] = []
        /// Resource `service.name` values of a trace export, first-seen order.
        var serviceNames: [String] = []
        /// Spans (points, records) rejected through a partial-success fault.
        var rejected = 0
    }

    let store: SpanStore
    let expectedBatchSize: Int?
    var attributeLimits = AttributeLimits.default

    /// - Parameters:
    ///   - rejecting: items to reject (partial-success fault); rejected spans are not stored.
    ///   - storing: false when a fault answers with an error, so the spans are judged but not kept.
    func ingest(_ body: [UInt8], signal: ExportSignal, encoding: BodyEncoding, rejecting: Int, storing: Bool,
                findings: inout FindingCollector) throws(ExportDecoder.Failure) -> Result {
        if encoding == .json { JSONFormCheck.check(body, into: &findings) }
        let decoded = try ExportDecoder.decode(body, signal: signal, encoding: encoding)
        var result = Result()
        switch decoded {
        case .traces(let request):
            let outcome = TraceRequestChecks.run(request, expectedBatchSize: expectedBatchSize,
                                                  attributeLimits: attributeLimits, into: &findings)
            result.itemCount = outcome.spanCount
            result.traceIDs = outcome.traceIDs
            result.serviceNames = outcome.serviceNames
            result.rejected = min(rejecting, outcome.spanCount)
            if storing {
                let inserted = store.insert(request, encodedBytes: body.count, skippingLast: result.rejected)
                let acrossRequests = inserted.duplicates.count - outcome.duplicatesWithinRequest
                if acrossRequests > 0, let first = inserted.duplicates.first {
                    findings.add(.spanDuplicateAcrossRequests,
                                 "\(acrossRequests) span(s) were already received in an earlier request",
                                 evidence: "e.g. \(HexID.encode(first.traceID))/\(HexID.encode(first.spanID))")
                }
            }
        case .metrics(let points):
            result.itemCount = points
            result.rejected = min(rejecting, points)
            if points == 0 { findings.add(.otlpEmptyRequest, "an export should carry data points", evidence: "0 points") }
        case .logs(let records):
            result.itemCount = records
            result.rejected = min(rejecting, records)
            if records == 0 { findings.add(.otlpEmptyRequest, "an export should carry log records", evidence: "0 records") }
        }
        return result
    }
}
