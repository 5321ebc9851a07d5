/// Why an operation on an ``HTTP2ServerStream`` failed. Compare ``code``; ``message`` is for people.
public struct HTTP2WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure: a struct over a private enum, so new codes break no one's `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: Hashable, Sendable {
            case streamReset
            case connectionClosed
            case bodyTooLarge
            case invalidState
        }

        private let backing: Backing

        /// The stream was reset (by the peer, by nghttp2 or by this server) before the operation could finish.
        public static let streamReset = Code(backing: .streamReset)
        /// The connection closed before the operation could finish.
        public static let connectionClosed = Code(backing: .connectionClosed)
        /// The request body is larger than the limit given to ``HTTP2ServerStream/readBody(upTo:)``.
        public static let bodyTooLarge = Code(backing: .bodyTooLarge)
        /// The call does not fit the response state (data before headers, anything after the end, a response whose
        /// first header is not `:status`).
        public static let invalidState = Code(backing: .invalidState)

        public var description: String { "\(backing)" }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "HTTP2WireError(\(code)): \(message)" }

    /// Equality and hashing look at the code only, as tests compare codes.
    public static func == (lhs: HTTP2WireError, rhs: HTTP2WireError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
