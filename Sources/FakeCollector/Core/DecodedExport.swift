import CelloOTLP

/// An export request body decoded for its signal: traces keep the message for the store, metrics and logs keep
/// their item count only (docs/cello-telemetry.md section 6: "metrics and logs requests are accepted and counted").
enum DecodedExport: Sendable {
    case traces(Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest)
    case metrics(dataPoints: Int)
    case logs(records: Int)
}
