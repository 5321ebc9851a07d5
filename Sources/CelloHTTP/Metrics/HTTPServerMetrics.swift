import Prometheus
import Synchronization

/// The `cello_http_*` request metrics of docs/cello-telemetry.md section 5, kept in the App's Prometheus registry.
///
/// `path` is the route template (or `unmatched` for a 404), so the number of series stays bounded by the routes.
final class HTTPServerMetrics: Sendable {
    static let unmatchedPath = "unmatched"

    private struct SeriesKey: Hashable {
        var method: String
        var status: Int
        var path: String
    }

    private struct Series: Sendable {
        var requests: Counter
        var duration: DurationHistogram
        var responseSize: ValueHistogram
    }

    private let registry: PrometheusCollectorRegistry
    private let inFlight: Gauge
    /// One lookup per request instead of three registry calls, each building label arrays.
    private let series: Mutex<[SeriesKey: Series]>

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.inFlight = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "cello",
                subsystem: "http",
                metricName: "requests_in_flight",
                unitName: "",
                helpText: "HTTP requests being handled"
            )
        )
        self.series = Mutex([:])
    }

    func requestStarted() {
        self.inFlight.increment()
    }

    func requestFinished(method: String, status: Int, route: String?, duration: Duration, responseBytes: Int) {
        self.inFlight.decrement()
        let key = SeriesKey(method: method, status: status, path: route ?? Self.unmatchedPath)
        let series = self.series.withLock { $0[key] } ?? self.makeSeries(key)
        series.requests.increment()
        series.duration.record(duration)
        series.responseSize.record(Double(responseBytes))
    }

    private func makeSeries(_ key: SeriesKey) -> Series {
        let pathLabels = [("method", key.method), ("path", key.path)]
        let made = Series(
            requests: self.registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "cello",
                    subsystem: "http",
                    metricName: "requests",
                    unitName: "total",
                    helpText: "HTTP requests answered, by method, status and route template"
                ),
                labels: [("method", key.method), ("status", String(key.status)), ("path", key.path)]
            ),
            duration: self.registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "cello",
                    subsystem: "http",
                    metricName: "request_duration",
                    unitName: "seconds",
                    helpText: "Time from request head to response, by method and route template"
                ),
                labels: pathLabels,
                buckets: [
                    .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                    .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
                    .seconds(5), .seconds(10),
                ]
            ),
            responseSize: self.registry.makeValueHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "cello",
                    subsystem: "http",
                    metricName: "response_size",
                    unitName: "bytes",
                    helpText: "Response body size, by method and route template"
                ),
                labels: pathLabels,
                buckets: [64, 256, 1024, 4096, 16384, 65536, 262_144, 1_048_576]
            )
        )
        // The registry hands back the same collectors for the same labels, so a lost race is harmless.
        return self.series.withLock { table in
            if let existing = table[key] { return existing }
            table[key] = made
            return made
        }
    }
}
