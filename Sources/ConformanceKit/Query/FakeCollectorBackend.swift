import Foundation

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
