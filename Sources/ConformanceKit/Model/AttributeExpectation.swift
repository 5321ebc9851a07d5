/// The exact attribute set of the spans a selector picks.
public struct AttributeExpectation: Sendable, Hashable {
    public var span: SpanSelector
    /// When true, no attribute outside `attributes` may be present.
    public var exact: Bool
    public var attributes: [String: AttributeRule]

    public init(span: SpanSelector, exact: Bool = true, attributes: [String: AttributeRule]) {
        self.span = span
        self.exact = exact
        self.attributes = attributes
    }
}
