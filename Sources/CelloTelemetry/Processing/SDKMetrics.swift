import Metrics

/// The SDK's self-metrics, reported through swift-metrics (and so on `/metrics`).
///
/// Spec: docs/cello-telemetry.md section 4 ("spans started, ended, dropped because the queue was full, exported,
/// failed").
public struct SDKMetrics: Sendable {
    public static let spansStartedLabel = "cello_sdk_spans_started_total"
    public static let spansEndedLabel = "cello_sdk_spans_ended_total"
    public static let spansDroppedLabel = "cello_sdk_spans_dropped_total"
    public static let spansExportedLabel = "cello_sdk_spans_exported_total"
    public static let spansExportFailedLabel = "cello_sdk_spans_export_failed_total"
    public static let exportFailuresLabel = "cello_sdk_export_failures_total"

    let spansStarted: Counter
    let spansEnded: Counter
    /// Dimension `reason=queue_full`.
    let spansDroppedQueueFull: Counter
    /// Dimension `reason=shutdown`.
    let spansDroppedShutdown: Counter
    let spansExported: Counter
    let spansExportFailed: Counter
    let exportFailures: Counter

    /// Counters from `factory`, or from the process-wide `MetricsSystem.factory` when nil (never bootstrapped here).
    public init(factory: (any MetricsFactory)? = nil) {
        func counter(_ label: String, _ dimensions: [(String, String)] = []) -> Counter {
            if let factory { return Counter(label: label, dimensions: dimensions, factory: factory) }
            return Counter(label: label, dimensions: dimensions)
        }
        spansStarted = counter(Self.spansStartedLabel)
        spansEnded = counter(Self.spansEndedLabel)
        spansDroppedQueueFull = counter(Self.spansDroppedLabel, [("reason", "queue_full")])
        spansDroppedShutdown = counter(Self.spansDroppedLabel, [("reason", "shutdown")])
        spansExported = counter(Self.spansExportedLabel)
        spansExportFailed = counter(Self.spansExportFailedLabel)
        exportFailures = counter(Self.exportFailuresLabel)
    }

    func countStarted() { spansStarted.increment() }
    func countEnded() { spansEnded.increment() }
}
