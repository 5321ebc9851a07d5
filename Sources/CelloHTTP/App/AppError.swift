/// An error of the App: bad configuration found before anything starts, or a failure to start.
///
/// Compare `code`, never `message`: the message text is for people and may change.
public struct AppError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a struct over a private enum so that new codes break no `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: Hashable, Sendable {
            case invalidRouteTemplate
            case duplicateRoute
            case conflictingRoutes
            case invalidEndpoint
            case alreadyRunning
            case serverDidNotStart
            case telemetryNotEnabled
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// A route template is not `/literal/{name}` shaped.
        public static let invalidRouteTemplate = Code(.invalidRouteTemplate)
        /// The same method and template were registered twice.
        public static let duplicateRoute = Code(.duplicateRoute)
        /// Two templates name the parameter at the same position differently (`/a/{id}` and `/a/{name}`), which
        /// Hummingbird's router cannot tell apart.
        public static let conflictingRoutes = Code(.conflictingRoutes)
        /// The Prometheus endpoint or another fixed path is not a plain absolute path.
        public static let invalidEndpoint = Code(.invalidEndpoint)
        /// `run()` was called on an App that is already running or has run.
        public static let alreadyRunning = Code(.alreadyRunning)
        /// The HTTP server stopped before it was listening.
        public static let serverDidNotStart = Code(.serverDidNotStart)
        /// An operation needs telemetry, and `enableTelemetry` has not run.
        public static let telemetryNotEnabled = Code(.telemetryNotEnabled)

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
