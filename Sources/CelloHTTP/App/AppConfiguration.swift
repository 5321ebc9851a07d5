/// Where and how the App's HTTP server listens.
public struct AppConfiguration: Sendable {
    /// The address to bind. - Default: `127.0.0.1` (loopback only).
    public var host: String
    /// The port to bind; 0 picks a free one (read it back from `App.onServerRunning`). - Default: 8080.
    public var port: Int
    /// Connections accepted at once; further ones wait in the backlog. - Default: 256.
    public var maxConnections: Int
    /// Timeout of each call of the instrumented client, connect to last byte. - Default: 10 s.
    public var clientTimeout: Duration
    /// Largest response body the instrumented client collects. - Default: 4 MiB.
    public var clientMaxResponseBytes: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxConnections: Int = 256,
        clientTimeout: Duration = .seconds(10),
        clientMaxResponseBytes: Int = 4 << 20
    ) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.clientTimeout = clientTimeout
        self.clientMaxResponseBytes = clientMaxResponseBytes
    }
}
