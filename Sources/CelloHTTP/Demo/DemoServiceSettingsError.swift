/// A demo-service flag or environment variable that cannot be used; the executable prints `message` and exits 2.
public struct DemoServiceSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: Hashable, Sendable {
            case invalidDownstream
            case invalidListenAddress
            case invalidTelemetry
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// A `--downstream` value is not an `http(s)://host:port` base URL.
        public static let invalidDownstream = Code(.invalidDownstream)
        /// `--host` or `--port` is unusable.
        public static let invalidListenAddress = Code(.invalidListenAddress)
        /// A telemetry flag or OTEL_* variable was refused by the SDK's configuration check.
        public static let invalidTelemetry = Code(.invalidTelemetry)

        public var description: String { "\(self.backing)" }
    }

    public var code: Code
    /// The flag or variable at fault, e.g. `--downstream` or `OTEL_TRACES_SAMPLER_ARG`.
    public var field: String
    public var message: String

    public init(_ code: Code, field: String, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "\(self.field): \(self.message)" }
}
