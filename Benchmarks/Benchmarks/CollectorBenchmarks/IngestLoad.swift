import CelloOTLP
import GRPCNIOTransportHTTP2

/// The load client's shape and its connected trace-service clients (plain grpc-swift-2, not the SDK).
struct IngestLoad: Sendable {
    /// HTTP/2 connections to the collector.
    static let connections = 4
    /// Exports in flight at once, spread over the connections.
    static let streams = 32

    var clients: [Opentelemetry_Proto_Collector_Trace_V1_TraceService.Client<HTTP2ClientTransport.Posix>]
}
