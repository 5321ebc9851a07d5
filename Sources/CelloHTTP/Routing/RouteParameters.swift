/// The values of a route's `{name}` parameters, e.g. `request.params["id"]` for `/api/users/{id}`.
public struct RouteParameters: Sendable, Hashable {
    private let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    /// The parameter's value, or nil when the route has no parameter of that name.
    public subscript(_ name: String) -> String? {
        self.values[name]
    }

    /// The parameter converted to `T` (e.g. `Int`), or nil when it is missing or does not convert.
    public func get<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) -> T? {
        self.values[name].flatMap(T.init)
    }
}
