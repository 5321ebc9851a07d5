/// One HTTP/2 header field as it travels on the wire (names are lower case; pseudo-headers start with ":").
public struct HTTP2Header: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ value: String) {
        self.init(name: name, value: value)
    }
}

extension Array where Element == HTTP2Header {
    /// The value of the first field named `name` (names compare as given: HTTP/2 names are lower case).
    public func first(named name: String) -> String? {
        first(where: { $0.name == name })?.value
    }
}
