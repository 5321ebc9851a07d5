// A hop of a conformance topology on swift-otel 1.6.0 and Hummingbird 2.28.1 (Conformance/third-party/README.md),
// with the same command line and ready line as demo-service:
//
//     swift-otel-hop --name B --host 127.0.0.1 --port 0 [--downstream http://127.0.0.1:PORT ...]
//
// prints one line `ready http=HOST:PORT` once listening; on SIGTERM the server stops and swift-otel flushes its
// spans (graceful shutdown of the service group), exit 0.
//
// Routes: `/health*` answers {"status":"up"} untraced; every other path goes through Hummingbird's TracingMiddleware
// (a SERVER span continuing the context the bootstrapped propagators extract), calls each downstream with the same
// method and path through AsyncHTTPClient, whose own tracing makes each call a CLIENT span and injects its context
// into the request headers, and answers 200, or 502 when a downstream failed. Telemetry is configured only by the OTEL_* variables swift-otel reads (its own
// reading of them is what the scenario judges); --name becomes the service name unless OTEL_SERVICE_NAME is set.
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import OTel
import ServiceLifecycle


struct Options {
    var name = "swift-otel-hop"
    var host = "127.0.0.1"
    var port = 0
    var downstreams: [String] = []

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { usage("\(flag) needs a value") }
            switch flag {
            case "--name": options.name = value
            case "--host": options.host = value
            case "--port":
                guard let port = Int(value), (0...65_535).contains(port) else { usage("--port must be 0...65535") }
                options.port = port
            case "--downstream":
                options.downstreams += value.split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
            default: usage("unknown flag \(flag)")
            }
        }
        return options
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(
            Data("swift-otel-hop: \(problem)\nusage: swift-otel-hop --name NAME [--host H] [--port P] [--downstream URL]...\n".utf8))
        exit(2)
    }
}

/// Calls each downstream with the same method and path; the statuses they answered (502 for a transport error).
/// AsyncHTTPClient (1.37) traces its requests with the bootstrapped tracer: each call is a CLIENT span, child of
/// the current (SERVER) span, and the tracer injects its context into the request's headers.
func callDownstreams(
    _ downstreams: [String], method: HTTPRequest.Method, path: String, client: HTTPClient
) async -> [Int] {
    var statuses: [Int] = []
    for base in downstreams {
        var request = HTTPClientRequest(url: base + path)
        request.method = HTTPMethod(rawValue: method.rawValue)
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            statuses.append(Int(response.status.code))
        } catch {
            statuses.append(502)
        }
    }
    return statuses
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
var configuration = OTel.Configuration.default
configuration.serviceName = options.name
configuration.logs.enabled = false
configuration.metrics.enabled = false
let observability = try OTel.bootstrap(configuration: configuration)
// Made after the bootstrap: the client takes the bootstrapped tracer for its CLIENT spans when it is created.
let client = HTTPClient(eventLoopGroupProvider: .singleton)

let router = Router()
let health: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
    Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"up"}"#)))
}
router.get("/health", use: health)
router.get("/health/**", use: health)
let traced = router.group().add(middleware: TracingMiddleware())
let downstreams = options.downstreams
let serviceName = options.name
for method: HTTPRequest.Method in [.get, .post, .put, .delete, .patch, .head] {
    traced.on("/**", method: method) { request, _ -> Response in
        _ = try await request.body.collect(upTo: 1 << 20)
        let statuses = await callDownstreams(downstreams, method: request.method, path: request.uri.path, client: client)
        let failed = statuses.contains { $0 >= 400 }
        let body = #"{"service":"\#(serviceName)","downstream":[\#(statuses.map(String.init).joined(separator: ","))]}"#
        return Response(
            status: failed ? .badGateway : .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

let host = options.host
var app = Application(
    router: router,
    configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
    onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        FileHandle.standardOutput.write(Data("ready http=\(host):\(port)\n".utf8))
    },
    logger: {
        var logger = Logger(label: "swift-otel-hop")
        logger.logLevel = .warning
        return logger
    }()
)
app.addServices(observability)
try await app.runService()
try await client.shutdown().get()
