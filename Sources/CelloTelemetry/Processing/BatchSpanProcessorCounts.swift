/// What the batch processor did so far.
///
/// Spec: docs/cello-telemetry.md section 4 (counted drops, exports and failures).
public struct BatchSpanProcessorCounts: Sendable, Hashable {
    /// Spans taken into the queue.
    public var accepted: UInt64 = 0
    /// Spans refused because the queue was full.
    public var droppedQueueFull: UInt64 = 0
    /// Spans ended after shutdown (or left when the processor was cancelled).
    public var droppedAfterShutdown: UInt64 = 0
    /// Export calls made.
    public var exports: UInt64 = 0
    /// Export calls that failed or timed out.
    public var failedExports: UInt64 = 0
    /// Spans in successful exports.
    public var exportedSpans: UInt64 = 0
    /// Spans in failed exports.
    public var failedSpans: UInt64 = 0

    public init() {}
}
