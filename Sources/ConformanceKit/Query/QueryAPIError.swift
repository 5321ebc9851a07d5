/// A query or harness call that failed: the URL, and what came back.
public struct QueryAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable { case unreachable, badStatus, badBody }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }
        public static let unreachable = Code(.unreachable)
        public static let badStatus = Code(.badStatus)
        public static let badBody = Code(.badBody)
        public var description: String { backing.rawValue }
    }
    public var code: Code
    public var url: String
    public var message: String
    public init(code: Code, url: String, message: String) {
        self.code = code
        self.url = url
        self.message = message
    }
    public var description: String { "\(url): \(message)" }
}
