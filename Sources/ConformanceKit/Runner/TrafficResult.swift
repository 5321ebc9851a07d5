import Foundation

/// What the traffic driver measured: one entry per request, in completion order.
public struct TrafficResult: Sendable, Hashable {
    public struct Outcome: Sendable, Hashable {
        /// HTTP status, or nil when the request failed without an answer.
        public var status: Int?
        public var latencyMs: Double
        public var error: String?
    }
    public var outcomes: [Outcome] = []
    /// The headers each request carried in (with placeholders filled), when the traffic sets any.
    public var sentHeaders: [[TrafficHeader]] = []
    /// `sentHeaders` as recorded headers.
    var sent: [[(name: String, value: String)]] { sentHeaders.map { $0.map { (name: $0.name, value: $0.value) } } }
    public var start = Date()
    public var end = Date()

    public var succeeded: Int { outcomes.filter { ($0.status ?? 0) / 100 == 2 }.count }
    public var maxLatencyMs: Double { outcomes.map(\.latencyMs).max() ?? 0 }

    /// The latency at quantile `q` (0...1).
    public func latency(quantile q: Double) -> Double {
        let sorted = outcomes.map(\.latencyMs).sorted()
        guard !sorted.isEmpty else { return 0 }
        let index = max(0, Int((Double(sorted.count) * q).rounded(.up)) - 1)
        return sorted[min(sorted.count - 1, index)]
    }
}
