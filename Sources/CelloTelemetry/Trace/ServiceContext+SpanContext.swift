import ServiceContextModule

/// How a span's context flows through swift-distributed-tracing's `ServiceContext`.
///
/// Spec: docs/cello-telemetry.md section 2 (parent from the context; propagators read and write this key).
extension ServiceContext {
    /// The current span's context (or the remote parent's, after extraction).
    public var spanContext: SpanContext? {
        get { self[SpanContextKey.self] }
        set { self[SpanContextKey.self] = newValue }
    }
}

enum SpanContextKey: ServiceContextKey {
    typealias Value = SpanContext
    static var nameOverride: String? { "cello-span-context" }
}
