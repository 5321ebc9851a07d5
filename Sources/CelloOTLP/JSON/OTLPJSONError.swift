/// Why an OTLP/JSON body was refused, naming the field that is wrong.
///
/// Tests compare ``code`` and ``field``; ``message`` is for people.
public struct OTLPJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem was found.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case malformedJSON, wrongType, invalidID, invalidValue, unencodable
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// The bytes are not JSON (truncated, bad syntax, not UTF-8) or the top level is not an object.
        public static let malformedJSON = Code(.malformedJSON)
        /// A field holds a JSON type its protobuf type does not allow (a string where an object belongs, ...).
        public static let wrongType = Code(.wrongType)
        /// A trace or span id is not lower- or upper-case hex of the right length.
        public static let invalidID = Code(.invalidID)
        /// A value has the right JSON type but cannot be the field's value (an integer out of range, ...).
        public static let invalidValue = Code(.invalidValue)
        /// The message could not be written as JSON.
        public static let unencodable = Code(.unencodable)

        public var description: String { backing.rawValue }
    }

    public var code: Code
    /// The path of the field, e.g. `resourceSpans[0].scopeSpans[0].spans[2].traceId`; empty for the whole body.
    public var field: String
    public var message: String

    public init(code: Code, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "OTLP/JSON \(code): \(message)" : "OTLP/JSON \(code) at \(field): \(message)"
    }
}
