import CelloOTLP
import SwiftProtobuf

/// Decodes an export body (already decompressed) for its signal and encoding, turning a failure into the finding
/// the judge reports (`otlp.decode`, or `otlp.json.hex-ids` for ids that are not hex).
enum ExportDecoder {
    struct Failure: Error {
        var rule: WireRule
        var message: String
    }

    static func decode(_ body: [UInt8], signal: ExportSignal, encoding: BodyEncoding) throws(Failure) -> DecodedExport {
        switch signal {
        case .traces:
            return .traces(try decode(Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest.self, body, encoding))
        case .metrics:
            let request = try decode(Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest.self, body, encoding)
            return .metrics(dataPoints: dataPoints(request))
        case .logs:
            let request = try decode(Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest.self, body, encoding)
            let records = request.resourceLogs.reduce(0) { $0 + $1.scopeLogs.reduce(0) { $0 + $1.logRecords.count } }
            return .logs(records: records)
        }
    }

    private static func decode<M: SwiftProtobuf.Message>(_ type: M.Type, _ body: [UInt8], _ encoding: BodyEncoding)
        throws(Failure) -> M
    {
        switch encoding {
        case .protobuf:
            do {
                return try M(serializedBytes: body)
            } catch {
                throw Failure(rule: .otlpDecode, message: "not a valid \(M.protoMessageName) protobuf: \(error)")
            }
        case .json:
            do {
                return try OTLPJSON.decode(M.self, from: body)
            } catch {
                let rule: WireRule = error.code == .invalidID ? .otlpJSONHexIDs : .otlpDecode
                throw Failure(rule: rule, message: "not valid OTLP/JSON \(M.protoMessageName): \(error)")
            }
        }
    }

    private static func dataPoints(_ request: Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest) -> Int {
        var count = 0
        for resourceMetrics in request.resourceMetrics {
            for scopeMetrics in resourceMetrics.scopeMetrics {
                for metric in scopeMetrics.metrics {
                    switch metric.data {
                    case .gauge(let gauge): count += gauge.dataPoints.count
                    case .sum(let sum): count += sum.dataPoints.count
                    case .histogram(let histogram): count += histogram.dataPoints.count
                    case .exponentialHistogram(let histogram): count += histogram.dataPoints.count
                    case .summary(let summary): count += summary.dataPoints.count
                    case nil: break
                    }
                }
            }
        }
        return count
    }
}
