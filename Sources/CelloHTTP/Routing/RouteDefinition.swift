import HTTPTypes

/// A route as registered on the App, turned into a Hummingbird route when the App starts.
struct RouteDefinition: Sendable {
    var method: HTTPRequest.Method
    var template: RouteTemplate
    var handler: @Sendable (CelloRequest) async throws -> CelloResponse
}
