/// How an export request ended, as the harness reports it.
public enum RequestEnd: String, Sendable, Hashable, Codable {
    /// Still in flight (a stall that the client has not given up on yet).
    case pending
    /// The collector answered (any status).
    case answered
    /// The client reset the stream or cancelled before an answer.
    case clientReset = "client-reset"
    /// The connection closed before an answer.
    case connectionClosed = "connection-closed"
    /// A fault plan closed, reset or GOAWAYed instead of answering.
    case serverFault = "server-fault"
}
