import CelloOTLP
import Foundation
import Hummingbird

/// The query API, shaped like Jaeger v2's api_v3 (docs/cello-telemetry.md section 6): `GET /api/v3/traces/{traceId}`,
/// `GET /api/v3/traces?query.…`, `GET /api/v3/services`, `GET /api/v3/operations?service=…`.
struct QueryAPI: Sendable {
    let store: SpanStore

    /// Answers an `/api/v3/…` request; nil when the path is not one of the query endpoints.
    func respond(to request: Request) -> Response? {
        let path = request.uri.path
        guard path.hasPrefix("/api/v3/") else { return nil }
        guard request.method == .get else {
            return error(405, "only GET is supported")
        }
        let parameters = Self.parameters(request)
        switch path {
        case "/api/v3/traces":
            return search(parameters)
        case "/api/v3/services":
            return HTTPAnswer.json(200, ["services": store.services()])
        case "/api/v3/operations":
            guard let service = parameters["service"] ?? parameters["query.serviceName"], !service.isEmpty else {
                return error(400, "service is required")
            }
            let kindFilter = parameters["spanKind"] ?? parameters["span_kind"]
            let operations = store.operations(service: service)
                .map { ["name": $0.name, "spanKind": Self.spanKindName($0.kind)] }
                .filter { kindFilter == nil || kindFilter == "" || $0["spanKind"] == kindFilter }
            return HTTPAnswer.json(200, ["operations": operations])
        default:
            let prefix = "/api/v3/traces/"
            guard path.hasPrefix(prefix) else { return error(404, "unknown endpoint \(path)") }
            return trace(String(path.dropFirst(prefix.count)))
        }
    }

    private func trace(_ hex: String) -> Response {
        guard hex.count == 32, let traceID = HexID.decode(hex) else {
            return error(400, "trace id must be 32 hex characters, got \(hex)")
        }
        guard let trace = store.trace(traceID) else {
            return HTTPAnswer.json(404, TraceResultBody.notFound)
        }
        return HTTPAnswer.make(200, contentType: "application/json", body: TraceResultBody.encode([trace]))
    }

    private func search(_ parameters: [String: String]) -> Response {
        let query: TraceSearch
        do {
            query = try TraceSearchParameters.parse(parameters)
        } catch {
            return self.error(400, error.message)
        }
        let traces = store.search(query)
        guard !traces.isEmpty else { return HTTPAnswer.json(404, TraceResultBody.notFound) }
        return HTTPAnswer.make(200, contentType: "application/json", body: TraceResultBody.encode(traces))
    }

    private func error(_ status: Int, _ message: String) -> Response {
        HTTPAnswer.json(status, ["error": ["httpCode": status, "message": message] as [String: Any]])
    }

    static func parameters(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            out[String(key)] = String(value)
        }
        return out
    }

    /// api_v3 lists span kinds by their lower-case OpenTelemetry names.
    static func spanKindName(_ kind: Int) -> String {
        switch kind {
        case 1: "internal"
        case 2: "server"
        case 3: "client"
        case 4: "producer"
        case 5: "consumer"
        default: "unspecified"
        }
    }
}
