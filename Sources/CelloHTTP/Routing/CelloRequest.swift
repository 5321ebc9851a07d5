import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Tracing

/// One request as a route handler sees it: method, path, route parameters, headers, the collected body, and the
/// tools that keep the request's trace going (`client`, `tracer`).
///
/// The handler runs inside the server span's `ServiceContext`, so `client` calls and `tracer.withSpan` children
/// join the request's trace without passing a context by hand (docs/cello-telemetry.md sections 3.2 and 3.3).
public struct CelloRequest: Sendable {
    public let method: HTTPRequest.Method
    /// The path without query string, e.g. `/api/users/42`.
    public let path: String
    /// The matched route template, e.g. `/api/users/{id}`.
    public let route: String
    /// The values of the route's `{name}` parameters.
    public let params: RouteParameters
    /// The raw query string without `?`, if any.
    public let query: String?
    public let headers: HTTPFields
    /// The request body, collected up to 1 MiB (a larger body is answered with 413 before the handler runs).
    public let body: [UInt8]
    /// The instrumented HTTP client: each call is a CLIENT span, child of the current span, with the configured
    /// propagation headers injected.
    public let client: InstrumentedHTTPClient
    /// The App's tracer (a no-op tracer when telemetry is not enabled), for custom child spans:
    /// `try await request.tracer.withSpan("db.fetch_order") { span in ... }`.
    public let tracer: any Tracer
    public let logger: Logger

    /// The body decoded from JSON.
    /// - Throws: `HTTPError` 400 (answered as such) when the body is not JSON of that shape.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(self.body))
        } catch {
            throw HTTPError(.badRequest, message: "request body is not JSON of the expected shape: \(error)")
        }
    }
}
