/// One service of a finished scenario: how it was started, how it ended, and everything it printed.
public struct ServiceRun: Sendable, Hashable, Codable {
    public var name: String
    public var kind: String
    public var commandLine: [String]
    /// `HOST:PORT` from its ready line; nil when it never got ready.
    public var address: String?
    public var exitStatus: Int32?
    /// True when it had to be killed after the SIGTERM grace period.
    public var killed: Bool
    /// Output lines, each `out| ...` or `err| ...`.
    public var output: [String]

    public init(
        name: String, kind: String, commandLine: [String], address: String?, exitStatus: Int32?, killed: Bool,
        output: [String]
    ) {
        self.name = name
        self.kind = kind
        self.commandLine = commandLine
        self.address = address
        self.exitStatus = exitStatus
        self.killed = killed
        self.output = output
    }
}
