import CelloOTLP
import Foundation

/// Reads spans through Jaeger v2's `api_v3` (as the fake collector serves it), never through an SDK.
///
/// docs/cello-telemetry.md section 6 (query API) and 7 ("Assertions read spans through the Jaeger-shaped query API").
public struct QueryAPIClient: Sendable {
    /// `http://host:port`, no trailing slash.
    public var baseURL: String
    private let http = HTTPGetter()

    public init(baseURL: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// Every span of the traces that hold a span of `service` started within the window.
    /// Uses the snake_case parameter names, which both Jaeger and the fake collector accept.
    public func findTraces(service: String, from: Date, to: Date, maxTraces: Int) async throws(QueryAPIError) -> [QueriedSpan] {
        var components = URLComponents(string: "\(baseURL)/api/v3/traces")!
        components.queryItems = [
            URLQueryItem(name: "query.service_name", value: service),
            URLQueryItem(name: "query.start_time_min", value: RFC3339.format(from)),
            URLQueryItem(name: "query.start_time_max", value: RFC3339.format(to)),
            URLQueryItem(name: "query.search_depth", value: String(maxTraces)),
        ]
        let url = components.url!.absoluteString
        guard let object = try await http.json(url, allowNotFound: true) else { return [] }
        return try decodeResult(object, url: url)
    }

    /// One trace by hex id; empty when not found.
    public func trace(id: String) async throws(QueryAPIError) -> [QueriedSpan] {
        let url = "\(baseURL)/api/v3/traces/\(id)"
        guard let object = try await http.json(url, allowNotFound: true) else { return [] }
        return try decodeResult(object, url: url)
    }

    /// `GET /api/v3/services`.
    public func services() async throws(QueryAPIError) -> [String] {
        let url = "\(baseURL)/api/v3/services"
        return (try await http.json(url)?["services"] as? [String]) ?? []
    }

    private func decodeResult(_ object: [String: Any], url: String) throws(QueryAPIError) -> [QueriedSpan] {
        guard let result = object["result"] else { return [] }
        do {
            let bytes = try JSONSerialization.data(withJSONObject: result)
            let data = try OTLPJSON.decode(Opentelemetry_Proto_Trace_V1_TracesData.self, from: Array(bytes))
            return QueriedSpan.spans(from: data)
        } catch {
            throw QueryAPIError(code: .badBody, url: url, message: "result is not OTLP/JSON TracesData: \(error)")
        }
    }
}
