import Foundation

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
