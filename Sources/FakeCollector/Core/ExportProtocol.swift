/// How an export request arrived: the OTLP transport and encoding (OTEL_EXPORTER_OTLP_PROTOCOL values).
public enum ExportProtocol: String, Sendable, Hashable, Codable {
    case grpc
    case httpProtobuf = "http/protobuf"
    case httpJSON = "http/json"
}
