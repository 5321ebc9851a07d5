/// A scenario file that cannot be used: where it is wrong and what was expected.
///
/// docs/cello-telemetry.md section 7: "Bad scenario files are refused with the file, the line and what was expected."
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case unreadable, syntax, unknownKey, wrongType, invalidValue, missingKey, duplicateName
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }
        /// The file could not be read.
        public static let unreadable = Code(.unreadable)
        /// Not valid YAML.
        public static let syntax = Code(.syntax)
        /// A key the scenario format does not have.
        public static let unknownKey = Code(.unknownKey)
        /// A value of the wrong YAML type (a list where a number belongs, ...).
        public static let wrongType = Code(.wrongType)
        /// A value of the right type outside what is allowed (negative count, unknown kind, ...).
        public static let invalidValue = Code(.invalidValue)
        /// A required key is absent.
        public static let missingKey = Code(.missingKey)
        /// Two services (or scenarios) share a name.
        public static let duplicateName = Code(.duplicateName)
        public var description: String { backing.rawValue }
    }

    public var code: Code
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(code: Code, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the form editors jump to.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
