import CelloOTLP
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf

/// A plain grpc-swift-2 client (not our SDK) for the gRPC receiver.
enum GRPCTestClient {
    static func withTraceClient<T: Sendable>(
        _ address: String, compression: Bool = false,
        _ body: (Opentelemetry_Proto_Collector_Trace_V1_TraceService.Client<HTTP2ClientTransport.Posix>) async throws -> T
    ) async throws -> T {
        let parts = address.split(separator: ":")
        var config = HTTP2ClientTransport.Posix.Config.defaults
        if compression {
            config.compression = .init(algorithm: .gzip, enabledAlgorithms: .all)
        }
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: String(parts[0]), port: Int(parts[1])!), transportSecurity: .plaintext,
            config: config)
        return try await withGRPCClient(transport: transport) { client in
            try await body(Opentelemetry_Proto_Collector_Trace_V1_TraceService.Client(wrapping: client))
        }
    }

    /// Exports once and returns the response or the RPC error.
    static func export(_ address: String, _ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest,
                       compression: Bool = false, options: CallOptions = .defaults)
        async throws -> Result<Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse, RPCError>
    {
        try await withTraceClient(address, compression: compression) { client in
            do {
                return .success(try await client.export(request, options: options))
            } catch let error as RPCError {
                return .failure(error)
            }
        }
    }
}
