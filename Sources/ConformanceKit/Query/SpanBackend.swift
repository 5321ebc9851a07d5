import Foundation

/// Where assertions read spans from: the in-process fake collector or a real Jaeger, both through api_v3.
///
/// Issue 8: "the same assertions, reading spans from a real Jaeger's api_v3"; only the fake collector also has a
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

/// The in-process fake collector: api_v3 plus `/harness` on its query port.
public struct FakeCollectorBackend: SpanBackend {
    public var name: String { "fake-collector" }
    public let query: QueryAPIClient
    public let harness: HarnessClient?

    /// `queryAddress` is `HOST:PORT` as `FakeCollectorAddresses.query` gives it.
    public init(queryAddress: String) {
        query = QueryAPIClient(baseURL: "http://\(queryAddress)")
        harness = HarnessClient(baseURL: "http://\(queryAddress)")
    }
}

/// A real Jaeger v2: api_v3 only.
public struct JaegerBackend: SpanBackend {
    public var name: String { "jaeger" }
    public let query: QueryAPIClient
    public var harness: HarnessClient? { nil }

    /// `queryURL` such as `http://jaeger:16686`.
    public init(queryURL: String) {
        query = QueryAPIClient(baseURL: queryURL)
    }
}
