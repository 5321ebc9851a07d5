/// An operation as the query API lists it: span name and kind.
struct OperationName: Hashable, Sendable {
    var name: String
    var kind: Int
}
