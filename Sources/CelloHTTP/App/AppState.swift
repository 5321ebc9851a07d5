/// Everything registered on an App before it runs. The App turns a snapshot of it into a Hummingbird server.
struct AppState: Sendable {
    enum Phase: Sendable {
        case configuring
        case running
        case finished
    }

    var phase: Phase = .configuring
    var routes: [RouteDefinition] = []
    /// Registration problems (bad templates, duplicates), reported together by `run()` before anything starts.
    var problems: [AppError] = []
    var tracing: AppTracing?
    var prometheusEndpoint: String?
    var healthChecks: [HealthCheck] = []
    var onServerRunning: [@Sendable (ListeningAddress) async -> Void] = []

    /// Moves to `.running` and returns the snapshot to build the server from, or the reason it cannot start.
    mutating func start() -> Result<AppState, AppError> {
        guard self.phase == .configuring else {
            return .failure(AppError(.alreadyRunning, "this App is already running or has run; make a new App"))
        }
        let problems = self.problems + self.routeConflicts()
        if let first = problems.first {
            let all = problems.map(\.message).joined(separator: "; ")
            return .failure(AppError(first.code, all))
        }
        self.phase = .running
        return .success(self)
    }

    /// Routes that collide with the built-in endpoints or that Hummingbird's router would refuse side by side.
    private func routeConflicts() -> [AppError] {
        var conflicts: [AppError] = []
        let reserved = ["/health", "/health/live", "/health/ready", "/health/startup"] + [self.prometheusEndpoint].compactMap { $0 }
        for route in self.routes where reserved.contains(route.template.description) {
            conflicts.append(AppError(.duplicateRoute, "route \(route.method) \(route.template) collides with a built-in endpoint"))
        }
        for (index, route) in self.routes.enumerated() {
            for other in self.routes[..<index] {
                if let (mine, theirs) = route.template.conflictingParameters(with: other.template) {
                    conflicts.append(
                        AppError(
                            .conflictingRoutes,
                            "routes \(other.template) and \(route.template) name the same path parameter {\(theirs)} and {\(mine)}; use one name"
                        )
                    )
                }
            }
        }
        return conflicts
    }

    mutating func add(_ route: RouteDefinition) {
        if self.routes.contains(where: { $0.method == route.method && $0.template == route.template }) {
            self.problems.append(AppError(.duplicateRoute, "route \(route.method) \(route.template) is registered twice"))
        } else {
            self.routes.append(route)
        }
    }
}
