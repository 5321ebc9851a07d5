/// The encoding of an OTLP message body: protobuf (gRPC, `application/x-protobuf`) or OTLP/JSON.
enum BodyEncoding: Sendable, Hashable {
    case protobuf
    case json

    /// The content type an OTLP/HTTP answer in this encoding carries.
    var contentType: String {
        switch self {
        case .protobuf: "application/x-protobuf"
        case .json: "application/json"
        }
    }
}
