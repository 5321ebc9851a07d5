/// A scenario that could not be run to the point of judging it: a service that did not start, a missing binary.
///
/// Reported as a failed scenario (exit 1) with the message and the services' output, not as bad input.
public struct RunnerError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case executableNotFound, launchFailed, notReady, exitedEarly, collectorFailed, queryFailed, timedOut
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }
        public static let executableNotFound = Code(.executableNotFound)
        public static let launchFailed = Code(.launchFailed)
        /// No ready line within the start bound.
        public static let notReady = Code(.notReady)
        /// The process exited before printing its ready line.
        public static let exitedEarly = Code(.exitedEarly)
        public static let collectorFailed = Code(.collectorFailed)
        public static let queryFailed = Code(.queryFailed)
        public static let timedOut = Code(.timedOut)
        public var description: String { backing.rawValue }
    }
    public var code: Code
    public var message: String
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { message }
}
