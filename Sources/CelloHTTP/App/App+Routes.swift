import HTTPTypes
import Synchronization

/// Route registration: `{name}` templates, handlers answering a `CelloResponse` or any `Encodable` (as JSON).
extension App {
    /// Registers `handler` for `method` requests whose path matches `template` (e.g. `/api/users/{id}`).
    /// A bad template is reported by `run()`.
    public func on(
        _ method: HTTPRequest.Method,
        _ template: String,
        _ handler: @escaping @Sendable (CelloRequest) async throws -> CelloResponse
    ) {
        let parsed = Result { () throws(AppError) in try RouteTemplate(template) }
        self.state.withLock { state in
            switch parsed {
            case .success(let template):
                state.add(RouteDefinition(method: method, template: template, handler: handler))
            case .failure(let error):
                state.problems.append(error)
            }
        }
    }

    /// Registers a handler whose `Encodable` result is answered as JSON with status 200.
    public func on<Output: Encodable & Sendable>(
        _ method: HTTPRequest.Method,
        _ template: String,
        _ handler: @escaping @Sendable (CelloRequest) async throws -> Output
    ) {
        self.on(method, template) { request async throws -> CelloResponse in
            try CelloResponse.json(try await handler(request))
        }
    }

    public func get(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> CelloResponse) {
        self.on(.get, template, handler)
    }

    public func get<Output: Encodable & Sendable>(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> Output) {
        self.on(.get, template, handler)
    }

    public func post(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> CelloResponse) {
        self.on(.post, template, handler)
    }

    public func post<Output: Encodable & Sendable>(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> Output) {
        self.on(.post, template, handler)
    }

    public func put(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> CelloResponse) {
        self.on(.put, template, handler)
    }

    public func put<Output: Encodable & Sendable>(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> Output) {
        self.on(.put, template, handler)
    }

    public func delete(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> CelloResponse) {
        self.on(.delete, template, handler)
    }

    public func delete<Output: Encodable & Sendable>(_ template: String, _ handler: @escaping @Sendable (CelloRequest) async throws -> Output) {
        self.on(.delete, template, handler)
    }
}
