/// Bounds on attribute lists past which the judge warns (`attribute.count`, `attribute.value-depth`): OTLP sets no
/// limit, but an SDK with the default attribute limits never sends more, and deep values are a likely mistake.
///
/// Set from ``FakeCollectorConfiguration/maxAttributeCount`` and ``FakeCollectorConfiguration/maxAttributeValueDepth``.
struct AttributeLimits: Sendable, Hashable {
    /// Most attributes in one list.
    var maxCount: Int
    /// Deepest value: a scalar is depth 1, each `array_value` or `kvlist_value` around it adds one.
    var maxValueDepth: Int

    static let `default` = AttributeLimits(maxCount: 128, maxValueDepth: 16)
}
