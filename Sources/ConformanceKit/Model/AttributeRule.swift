/// One attribute: its value type and, when fixed, its value (compared as text).
public struct AttributeRule: Sendable, Hashable {
    /// `string`, `int`, `double`, `bool` or `array`.
    public var type: String
    public var value: String?
    /// When true the attribute may be absent (conditionally required, e.g. `user_agent.original`).
    public var optional: Bool
    public init(type: String, value: String? = nil, optional: Bool = false) {
        self.type = type
        self.value = value
        self.optional = optional
    }
    public static let typeNames = ["string", "int", "double", "bool", "array"]
}
