/// An error of the fake collector itself (bad fault plan, failure to bind), with a code tests compare.
public struct FakeCollectorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a struct over a private enum so new codes break no `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String { case invalidFaultPlan, bindFailed, notRunning }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }
        /// A fault plan that does not parse or names an unknown action.
        public static let invalidFaultPlan = Code(.invalidFaultPlan)
        /// A listener could not be bound.
        public static let bindFailed = Code(.bindFailed)
        /// The collector stopped before it was listening.
        public static let notRunning = Code(.notRunning)
        public var description: String { backing.rawValue }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
