import Foundation

/// Where assertions read spans from: the in-process fake collector or a real Jaeger, both through api_v3.
///
/// The same assertions can read spans from a real Jaeger's api_v3; only the fake collector also has a
/// wire view, so expectations that need it are "not applicable" on Jaeger, never passed.
public protocol SpanBackend: Sendable {
    /// `fake-collector` or `jaeger`, for reports.
    var name: String { get }
    var query: QueryAPIClient { get }
    /// The wire view; nil when the backend has none.
    var harness: HarnessClient? { get }
}

extension SpanBackend {
    /// Every span of every trace touching one of `services` within the window, deduplicated by span id.
    public func spans(services: [String], from: Date, to: Date, maxTraces: Int) async throws(QueryAPIError) -> [QueriedSpan] {
        var seen: Set<String> = []
        var result: [QueriedSpan] = []
        for service in services {
            for span in try await query.findTraces(service: service, from: from, to: to, maxTraces: maxTraces) {
                if seen.insert(span.traceID + span.spanID).inserted { result.append(span) }
            }
        }
        return result
    }
}
