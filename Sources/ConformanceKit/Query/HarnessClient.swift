import NIOHTTP1

/// The fake collector's wire view over HTTP (`/harness/...` on the query port), as docs/harness-api.md describes.
///
/// Only the fake collector has it; against Jaeger the wire expectations are reported as not applicable.
public struct HarnessClient: Sendable {
    public var baseURL: String
    private let http = HTTPGetter()

    public init(baseURL: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// Every export request the collector received, in arrival order.
    public func requests() async throws(QueryAPIError) -> [HarnessRequest] {
        let object = try await http.json("\(baseURL)/harness/requests")
        return (object?["requests"] as? [[String: Any]] ?? []).map(HarnessRequest.init(json:))
    }

    /// Every wire finding, request-level and connection-level.
    public func findings() async throws(QueryAPIError) -> [HarnessFinding] {
        let object = try await http.json("\(baseURL)/harness/findings")
        return (object?["findings"] as? [[String: Any]] ?? []).map(HarnessFinding.init(json:))
    }

    /// `spansStored`, `spansEvicted` from `/harness/stats`.
    public func stats() async throws(QueryAPIError) -> (stored: Int, evicted: Int) {
        let object = try await http.json("\(baseURL)/harness/stats")
        return (object?["spansStored"] as? Int ?? 0, object?["spansEvicted"] as? Int ?? 0)
    }

    public func reset() async throws(QueryAPIError) {
        let url = "\(baseURL)/harness/reset"
        let (status, _) = try await http.send(.POST, url)
        guard status == 204 || status == 200 else {
            throw QueryAPIError(code: .badStatus, url: url, message: "HTTP \(status)")
        }
    }
}
