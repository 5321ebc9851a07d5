import AsyncHTTPClient
import Hummingbird
import HummingbirdCore
import NIOCore
import Prometheus
import Synchronization
import ServiceLifecycle
import Tracing
import UnixSignals

/// Building the Hummingbird server from what was registered (done once, when the App starts).
extension App {
    func makeRuntime(
        gracefulShutdownSignals: [UnixSignal],
        onListening: @escaping @Sendable (ListeningAddress) async -> Void
    ) throws(AppError) -> AppRuntime {
        let snapshot = try self.state.withLock { $0.start() }.get()
        let configuration = self.configuration

        var clientConfiguration = HTTPClient.Configuration()
        // Our own CLIENT span replaces AsyncHTTPClient's, which would use the global tracer and other names.
        clientConfiguration.tracing.tracer = nil
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.timeout = .init(connect: .seconds(2))
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let tracer: any Tracer = snapshot.tracing?.tracer ?? NoOpTracer()
        let client = InstrumentedHTTPClient(
            httpClient: httpClient,
            tracer: tracer,
            timeout: configuration.clientTimeout,
            maxResponseBytes: configuration.clientMaxResponseBytes
        )

        let router = Router(context: CelloRequestContext.self)
        // Registered before the observing middleware, so never traced or counted (section 3.1 and 5).
        self.addHealthRoutes(to: router, checks: snapshot.healthChecks)
        if let endpoint = snapshot.prometheusEndpoint {
            let registry = self.prometheusRegistry
            router.get(RouterPath(endpoint)) { _, _ -> Response in
                Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
                )
            }
        }
        if snapshot.tracing != nil || snapshot.prometheusEndpoint != nil {
            router.add(
                middleware: RequestObserverMiddleware(
                    spans: snapshot.tracing.map(ServerSpanRecorder.init),
                    metrics: snapshot.prometheusEndpoint.map { _ in HTTPServerMetrics(registry: self.prometheusRegistry) },
                    unobservedPaths: UnobservedPaths(metricsEndpoint: snapshot.prometheusEndpoint)
                )
            )
        }
        for route in snapshot.routes {
            Self.add(route, to: router, client: client, tracer: tracer)
        }

        let callbacks = snapshot.onServerRunning + [onListening]
        let host = configuration.host
        let port = configuration.port
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port),
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)
            ),
            onServerRunning: { channel in
                let local = channel.localAddress
                let address = ListeningAddress(host: local?.ipAddress ?? host, port: local?.port ?? port)
                for callback in callbacks {
                    await callback(address)
                }
            },
            logger: self.logger
        )

        var services: [any Service] = []
        if let tracing = snapshot.tracing {
            if let service = tracing.service {
                services.append(service)
            }
            services.append(ShutdownActionService(description: "cello.telemetry.flush", action: tracing.forceFlush))
        }
        // Last in the list, first to stop: in-flight requests end (and end their spans) before the flush.
        services.append(application)
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: gracefulShutdownSignals,
                logger: self.logger
            )
        )
        return AppRuntime(serviceGroup: serviceGroup, httpClient: httpClient) { phase in
            self.state.withLock { $0.phase = phase }
        }
    }

    private static func add(
        _ route: RouteDefinition,
        to router: Router<CelloRequestContext>,
        client: InstrumentedHTTPClient,
        tracer: any Tracer
    ) {
        let template = route.template
        let handler = route.handler
        router.on(template.routerPath, method: route.method) { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            var values: [String: String] = [:]
            for name in template.parameterNames {
                values[name] = context.parameters.get(name)
            }
            let answer = try await handler(
                CelloRequest(
                    method: request.method,
                    path: request.uri.path,
                    route: template.description,
                    params: RouteParameters(values),
                    query: request.uri.query,
                    headers: request.headers,
                    body: Array(buffer: body),
                    client: client,
                    tracer: tracer,
                    logger: context.logger
                )
            )
            return Response(answer)
        }
    }

    private func addHealthRoutes(to router: Router<CelloRequestContext>, checks: [HealthCheck]) {
        let endpoints: [(String, Set<HealthProbe>)] = [
            ("/health", HealthProbe.all),
            ("/health/live", [.live]),
            ("/health/ready", [.ready]),
            ("/health/startup", [.startup]),
        ]
        for (path, probes) in endpoints {
            let endpoint = HealthEndpoint(
                checks: checks.filter { !$0.probes.isDisjoint(with: probes) },
                timeout: .seconds(2)
            )
            router.get(RouterPath(path)) { _, _ -> Response in
                Response(try await endpoint.respond())
            }
        }
    }
}
