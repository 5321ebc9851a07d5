import CelloOTLP
import GRPCNIOTransportHTTP2

/// The load client's connected trace-service clients (plain grpc-swift-2, not the SDK), one per HTTP/2 connection.
struct IngestLoad: Sendable {
    var clients: [Opentelemetry_Proto_Collector_Trace_V1_TraceService.Client<HTTP2ClientTransport.Posix>]
}
