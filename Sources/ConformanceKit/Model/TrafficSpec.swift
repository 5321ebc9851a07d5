/// The requests the runner sends to the entry service.
///
/// docs/cello-telemetry.md section 7 ("the traffic (requests, count, concurrency)").
public struct TrafficSpec: Sendable, Hashable {
    public var method: String
    /// The path, e.g. `/api/chain`; requests go to the entry service's own address.
    public var path: String
    /// Number of root requests.
    public var count: Int
    /// Requests in flight at once.
    public var concurrency: Int
    /// The service that receives the traffic; empty means the first service listed.
    public var entry: String
    /// Headers sent with every request (trace context carried in from outside the topology).
    public var headers: [TrafficHeader] = []

    public init(method: String = "GET", path: String = "/", count: Int = 1, concurrency: Int = 1, entry: String = "") {
        self.method = method
        self.path = path
        self.count = count
        self.concurrency = concurrency
        self.entry = entry
    }
}
