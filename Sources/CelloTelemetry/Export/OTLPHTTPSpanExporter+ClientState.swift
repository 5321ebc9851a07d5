import AsyncHTTPClient

extension OTLPHTTPSpanExporter {
    /// The HTTP client, made on the first export so that an exporter that never exports holds no connections.
    enum ClientState {
        case notCreated
        case created(HTTPClient)
        case shutDown

        /// The client to export with (made now if needed); nil after shutdown.
        mutating func clientForExport() -> HTTPClient? {
            switch self {
            case .notCreated:
                var configuration = HTTPClient.Configuration()
                // The exporter's own requests must not become spans: with a global tracer that would feed itself.
                configuration.tracing.tracer = nil
                let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
                self = .created(client)
                return client
            case .created(let client):
                return client
            case .shutDown:
                return nil
            }
        }

        /// The client to shut down, if one was made and not already shut down.
        mutating func shutdown() -> HTTPClient? {
            defer { self = .shutDown }
            if case .created(let client) = self { return client }
            return nil
        }
    }
}
