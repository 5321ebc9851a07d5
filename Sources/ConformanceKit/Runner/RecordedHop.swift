import Foundation

/// One request seen between two hops by the recording proxy: which hop received it and its headers as sent.
public struct RecordedHop: Sendable, Hashable {
    /// The service that sent it (`traffic` for the runner's own requests into the entry service).
    public var source: String
    /// The service the request was going to.
    public var target: String
    public var method: String
    public var path: String
    /// Lower-case header names with their values, in wire order.
    public var headers: [(name: String, value: String)]
    public var time: Date

    public init(source: String = "", target: String, method: String, path: String, headers: [(name: String, value: String)], time: Date) {
        self.source = source
        self.target = target
        self.method = method
        self.path = path
        self.headers = headers
        self.time = time
    }

    public func values(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }

    public static func == (lhs: RecordedHop, rhs: RecordedHop) -> Bool {
        lhs.source == rhs.source && lhs.target == rhs.target && lhs.method == rhs.method && lhs.path == rhs.path && lhs.time == rhs.time
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(target)
        hasher.combine(path)
        hasher.combine(time)
    }
}
