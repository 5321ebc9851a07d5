/// One attribute: its value type and, when fixed, its value (compared as text).
public struct AttributeRule: Sendable, Hashable {
    /// `string`, `int`, `double`, `bool` or `array`.
    public var type: String
    public var value: String?
    /// When true the attribute may be absent (conditionally required, e.g. `user_agent.original`).
    public var optional: Bool
    /// A numeric value must lie within these bounds (inclusive).
    public var minimum: Double? = nil
    public var maximum: Double? = nil
    /// A string value must match this regular expression (whole value).
    public var pattern: String? = nil
    /// The value is the span's own duration in this unit (`ms`, `s`, `us`, `ns`), within `tolerance`.
    public var spanDuration: DurationUnit? = nil
    /// Relative tolerance of `spanDuration` (0.25 = 25%), plus an absolute slack of 5 ms; a factor of 100 either
    /// way always fails (a unit mistake).
    public var tolerance: Double = 0.25

    /// Units a duration attribute can be stated in.
    public enum DurationUnit: String, Sendable, Hashable, CaseIterable {
        case s, ms, us, ns
        /// Nanoseconds per unit.
        var nanoseconds: Double {
            switch self {
            case .s: 1e9
            case .ms: 1e6
            case .us: 1e3
            case .ns: 1
            }
        }
    }
    public init(type: String, value: String? = nil, optional: Bool = false) {
        self.type = type
        self.value = value
        self.optional = optional
    }
    public static let typeNames = ["string", "int", "double", "bool", "array"]
}
