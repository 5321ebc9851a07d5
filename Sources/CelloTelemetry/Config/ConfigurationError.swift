/// A configuration value was refused: missing, out of range, unparsable or unsupported.
///
/// Spec: docs/cello-telemetry.md section 1 ("an error that names the field or variable, the value and the allowed
/// range"). Tests compare `code` and `field`, never `message`.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case missing, outOfRange, unparsable, unsupported
        }

        private let backing: Backing

        /// A required value is absent or empty.
        public static let missing = Code(backing: .missing)
        /// A number outside its allowed range.
        public static let outOfRange = Code(backing: .outOfRange)
        /// A value that does not parse (number, URL, key/value list).
        public static let unparsable = Code(backing: .unparsable)
        /// A well-formed value this SDK does not implement (unknown protocol, sampler, propagator).
        public static let unsupported = Code(backing: .unsupported)

        public var description: String { backing.rawValue }
    }

    public var code: Code
    /// The field (`samplingRate`) or environment variable (`OTEL_TRACES_SAMPLER_ARG`).
    public var field: String
    /// The value and the allowed range, e.g. "must be within 0.0...1.0, got 1.5".
    public var message: String

    public init(code: Code, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "invalid configuration \(field) (\(code)): \(message)" }
}
