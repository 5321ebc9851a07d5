/// Bounds and timing of the batch span processor.
///
/// Spec: docs/cello-telemetry.md section 4; https://opentelemetry.io/docs/specs/otel/trace/sdk/#batching-processor
public struct BatchSpanProcessorConfiguration: Sendable, Hashable {
    /// Spans held at most; more are dropped and counted. - Default: 2048.
    public var maxQueueSize: Int
    /// Spans per export. - Default: 512.
    public var batchSize: Int
    /// Longest a span waits before a partial batch goes out. - Default: 5 s.
    public var scheduleDelay: Duration
    /// The processor's bound on one export call; nil leaves it to the exporter. - Default: 30 s.
    public var exportTimeout: Duration?
    /// How long shutdown keeps exporting the queue; what is left after it is dropped and counted. nil waits for
    /// everything. - Default: 30 s.
    public var shutdownTimeout: Duration?

    public init(
        maxQueueSize: Int = 2048,
        batchSize: Int = 512,
        scheduleDelay: Duration = .seconds(5),
        exportTimeout: Duration? = .seconds(30),
        shutdownTimeout: Duration? = .seconds(30)
    ) {
        precondition(maxQueueSize >= 1 && batchSize >= 1 && batchSize <= maxQueueSize, "need 1 <= batchSize <= maxQueueSize")
        self.maxQueueSize = maxQueueSize
        self.batchSize = batchSize
        self.scheduleDelay = scheduleDelay
        self.exportTimeout = exportTimeout
        self.shutdownTimeout = shutdownTimeout
    }

    /// The processor settings of a resolved configuration.
    public init(_ resolved: ResolvedTelemetryConfiguration) {
        self.init(
            maxQueueSize: resolved.maxQueueSize, batchSize: resolved.batchSize,
            scheduleDelay: .milliseconds(resolved.scheduleDelayMs),
            exportTimeout: .milliseconds(resolved.processorExportTimeoutMs),
            shutdownTimeout: .milliseconds(resolved.processorExportTimeoutMs))
    }
}
