/// Bounds on what one span records; what goes over is dropped and counted.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/trace/sdk/#span-limits (defaults 128).
public struct SpanLimits: Sendable, Hashable {
    public var maxAttributes: Int
    public var maxEvents: Int
    public var maxLinks: Int

    public init(maxAttributes: Int = 128, maxEvents: Int = 128, maxLinks: Int = 128) {
        self.maxAttributes = maxAttributes
        self.maxEvents = maxEvents
        self.maxLinks = maxLinks
    }
}
