/// The receiver that took an export request; fault plans list their rules per receiver.
public enum ReceiverKind: String, Sendable, Hashable, Codable {
    case grpc
    case http
}
