import CelloOTLP
import SwiftProtobuf

/// Writes the `Export*ServiceResponse` for a signal, with `partial_success` when spans, points or records were
/// rejected (https://opentelemetry.io/docs/specs/otlp/#partial-success).
enum ExportResponseEncoder {
    static func encode(signal: ExportSignal, rejected: Int, message: String, encoding: BodyEncoding) -> [UInt8] {
        switch signal {
        case .traces:
            var response = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse()
            if rejected > 0 {
                response.partialSuccess.rejectedSpans = Int64(rejected)
                response.partialSuccess.errorMessage = message
            }
            return serialize(response, encoding)
        case .metrics:
            var response = Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceResponse()
            if rejected > 0 {
                response.partialSuccess.rejectedDataPoints = Int64(rejected)
                response.partialSuccess.errorMessage = message
            }
            return serialize(response, encoding)
        case .logs:
            var response = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceResponse()
            if rejected > 0 {
                response.partialSuccess.rejectedLogRecords = Int64(rejected)
                response.partialSuccess.errorMessage = message
            }
            return serialize(response, encoding)
        }
    }

    private static func serialize(_ message: some SwiftProtobuf.Message, _ encoding: BodyEncoding) -> [UInt8] {
        switch encoding {
        case .protobuf: (try? message.serializedBytes()) ?? []
        case .json: (try? OTLPJSON.encode(message)) ?? Array("{}".utf8)
        }
    }
}
