public import Logging
public import ServiceLifecycle
import HTTP2Wire
import Hummingbird
import NIOCore

/// An OTLP collector built to judge what it receives (docs/cello-telemetry.md section 6): OTLP/gRPC on its own HTTP/2
/// stack (HTTP2Wire over libnghttp2), OTLP/HTTP on Hummingbird, wire checks on every request, a bounded span store,
/// a Jaeger api_v3-shaped query API and the `/harness/` endpoints, with fault plans.
///
/// Run it as a ServiceLifecycle service, or scoped to a closure with ``withRunning(configuration:logger:_:)``.
public final class FakeCollector: Service, Sendable {
    public let configuration: FakeCollectorConfiguration
    let logger: Logger
    let store: SpanStore
    let log: RequestLog
    let faults: FaultSelector
    /// Stalled HTTP requests (released at shutdown and by ``releaseStalls()``).
    let stalls = StallRegistry()
    /// Stalled gRPC calls (released by ``releaseStalls()``; at shutdown the HTTP/2 server closes their connections).
    let grpcStalls = StallRegistry()
    private let ports: ListenerPorts

    public init(configuration: FakeCollectorConfiguration, logger: Logger = Logger(label: "fake-collector")) {
        self.configuration = configuration
        self.logger = logger
        self.store = SpanStore(maxSpans: configuration.maxSpans, maxBytes: configuration.maxBytes)
        self.log = RequestLog(capacity: configuration.maxRecordedRequests)
        self.faults = FaultSelector(plan: configuration.faultPlan)
        self.ports = ListenerPorts(host: configuration.host)
    }

    /// Binds the three listeners and serves until gracefully shut down (in-flight requests finish) or cancelled.
    public func run() async throws {
        do {
            try await serve()
        } catch {
            ports.failed(FakeCollectorError(code: .bindFailed, message: "\(error)"))
            throw error
        }
        ports.failed(FakeCollectorError(code: .notRunning, message: "the collector stopped"))
    }

    /// Waits until all three listeners are bound and returns their addresses.
    /// - Throws: ``FakeCollectorError`` (`.bindFailed`, `.notRunning`) when the collector stopped first.
    public func listening() async throws -> FakeCollectorAddresses {
        try await ports.wait()
    }

    /// Runs a collector for the duration of `body`, then shuts it down.
    public static func withRunning<T: Sendable>(
        configuration: FakeCollectorConfiguration,
        logger: Logger = Logger(label: "fake-collector"),
        _ body: (FakeCollector, FakeCollectorAddresses) async throws -> T
    ) async throws -> T {
        let collector = FakeCollector(configuration: configuration, logger: logger)
        let group = ServiceGroup(services: [collector], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let result: Result<T, any Error>
            do {
                let addresses = try await collector.listening()
                result = .success(try await body(collector, addresses))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }

    // MARK: In-process views of the harness data

    /// Every export request recorded since start or the last reset (`GET /harness/requests`).
    public func exportRequests() -> [ExportRequestRecord] { log.records() }

    /// Every wire finding (`GET /harness/findings`).
    public func findings() -> [WireFinding] { log.findings() }

    /// Forgets requests, findings and spans (`POST /harness/reset`); the fault plan stays.
    public func reset() { harness.reset() }

    /// Replaces the fault plan (`PUT /harness/faults`).
    public func setFaultPlan(_ plan: FaultPlan) { faults.setPlan(plan) }

    /// Lets go of every request a `stall` fault holds now, on both receivers: the HTTP connection is dropped and the
    /// gRPC stream reset (CANCEL), and the request ends `server-fault`. Later stalls hold again. Returns how many
    /// were released. A harness that stalls an export on purpose uses it to bound its wait for an exporter that
    /// never gives up.
    @discardableResult
    public func releaseStalls() -> Int { stalls.releaseHeld() + grpcStalls.releaseHeld() }

    /// Returns once `condition` holds for the recorded export requests: lets a caller wait for an event (a stalled
    /// request's end, the n-th export) instead of polling. Returns early when the calling task is cancelled, so
    /// the wait can be bounded (check the condition again afterwards).
    public func waitForRequests(_ condition: @escaping @Sendable ([ExportRequestRecord]) -> Bool) async {
        await log.waitUntil(condition)
    }

    /// Store counters (`GET /harness/stats`).
    public func storeStats() -> SpanStoreStats { store.stats }

    // MARK: Listeners

    var ingestor: ExportIngestor {
        ExportIngestor(
            store: store, expectedBatchSize: configuration.expectedBatchSize,
            attributeLimits: AttributeLimits(
                maxCount: configuration.maxAttributeCount, maxValueDepth: configuration.maxAttributeValueDepth))
    }
    var harness: HarnessAPI { HarnessAPI(store: store, log: log, faults: faults) }

    private func serve() async throws {
        let grpcReceiver = GRPCReceiver(
            ingestor: ingestor, log: log, faults: faults, maxMessageBytes: configuration.maxGRPCMessageBytes,
            stalls: grpcStalls)
        var wireConfiguration = HTTP2WireConfiguration()
        wireConfiguration.maxConnections = configuration.maxConnections
        wireConfiguration.maxConcurrentStreams = configuration.maxConcurrentStreams
        wireConfiguration.maxHeaderListSize = configuration.maxHeaderListSize
        let wire = try await HTTP2WireServer.bind(
            host: configuration.host, port: configuration.grpcPort, configuration: wireConfiguration
        ) { stream in
            await grpcReceiver.handle(stream)
        }
        ports.bound(.grpc, port: wire.localPort)
        let httpApp = makeApplication(port: configuration.httpPort, listener: .http,
                                      responder: httpResponder())
        let queryApp = makeApplication(port: configuration.queryPort, listener: .query,
                                       responder: queryResponder())
        let log = self.log
        let shutdown = ShutdownFlag()
        try await withThrowingTaskGroup(of: ListenerTask.self) { group in
            group.addTask { try await wire.run(); return .server }
            group.addTask { try await httpApp.run(); return .server }
            group.addTask { try await queryApp.run(); return .server }
            group.addTask {
                for await event in wire.events {
                    if case .protocolError(let connection, let reason) = event {
                        log.addConnectionFinding(WireFinding(
                            .h2Protocol, "HTTP/2 connection error", evidence: "connection \(connection): \(reason)"))
                    }
                }
                return .auxiliary
            }
            let stalls = self.stalls
            group.addTask {
                // Hummingbird sees graceful shutdown itself; the HTTP/2 server and stalled requests are told here.
                try? await gracefulShutdown()
                shutdown.set()
                stalls.releaseAll()
                await wire.shutdown()
                return .auxiliary
            }
            defer { group.cancelAll() }
            var serversRunning = 3
            while let finished = try await group.next() {
                guard case .server = finished else { continue }
                serversRunning -= 1
                // A listener that stops on its own takes the others down; after shutdown, wait for all three.
                if serversRunning == 0 || !shutdown.isSet { return }
            }
        }
    }

    private func makeApplication(port: Int, listener: ListenerPorts.Listener,
                                 responder: CallbackResponder<CollectorRequestContext>)
        -> Application<CallbackResponder<CollectorRequestContext>>
    {
        let ports = self.ports
        var logger = self.logger
        logger.logLevel = max(logger.logLevel, .notice)  // Hummingbird logs every request at info
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: port)),
            onServerRunning: { channel in
                ports.bound(listener, port: channel.localAddress?.port ?? port)
            },
            logger: logger)
    }

    private func httpResponder() -> CallbackResponder<CollectorRequestContext> {
        let receiver = OTLPHTTPReceiver(ingestor: ingestor, log: log, faults: faults,
                                        maxBodyBytes: configuration.maxHTTPBodyBytes, stalls: stalls)
        return CallbackResponder { request, context in
            await receiver.respond(to: request, context: context)
        }
    }

    private func queryResponder() -> CallbackResponder<CollectorRequestContext> {
        let query = QueryAPI(store: store)
        let harness = self.harness
        return CallbackResponder { request, _ in
            if let response = query.respond(to: request) { return response }
            if let response = await harness.respond(to: request) { return response }
            return HTTPAnswer.json(404, ["error": ["httpCode": 404, "message": "unknown endpoint \(request.uri.path)"]])
        }
    }
}
