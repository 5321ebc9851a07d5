/// Why a call of the instrumented client failed before a response arrived.
public struct HTTPClientCallError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: Hashable, Sendable {
            case invalidURL
            case transport
            case responseTooLarge
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// The URL is not `http(s)://host[:port][/path]`.
        public static let invalidURL = Code(.invalidURL)
        /// Connecting, sending or receiving failed (refused, timed out, reset).
        public static let transport = Code(.transport)
        /// The response body is larger than the client's limit.
        public static let responseTooLarge = Code(.responseTooLarge)

        public var description: String { "\(self.backing)" }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(self.code): \(self.message)" }
}
