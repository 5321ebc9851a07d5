/// Picks spans by service and kind (`"B client"`), optionally by name.
public struct SpanSelector: Sendable, Hashable, CustomStringConvertible {
    public var service: String
    /// OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.
    public var kind: Int
    public var name: String?

    public init(service: String, kind: Int, name: String? = nil) {
        self.service = service
        self.kind = kind
        self.name = name
    }

    /// Kind names accepted after the service name.
    public static let kindNames = ["internal": 1, "server": 2, "client": 3, "producer": 4, "consumer": 5]

    public var kindName: String { Self.kindNames.first { $0.value == kind }?.key ?? "kind\(kind)" }

    public var description: String { "\(service) \(kindName)" + (name.map { " \"\($0)\"" } ?? "") }
}
