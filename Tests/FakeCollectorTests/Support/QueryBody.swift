import CelloOTLP
import Foundation
import Testing

/// Reads the api_v3 `{"result": TracesData}` body back into spans (with the OTLP/JSON codec).
enum QueryBody {
    static func tracesData(_ body: [UInt8]) throws -> Opentelemetry_Proto_Trace_V1_TracesData {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let result = try #require(object["result"])
        let inner = try JSONSerialization.data(withJSONObject: result)
        return try OTLPJSON.decode(Opentelemetry_Proto_Trace_V1_TracesData.self, from: Array(inner))
    }

    static func spans(_ body: [UInt8]) throws -> [Opentelemetry_Proto_Trace_V1_Span] {
        try tracesData(body).resourceSpans.flatMap { $0.scopeSpans.flatMap(\.spans) }
    }
}
