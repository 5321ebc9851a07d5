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
// method and path inside a CLIENT span (the context injected into the request headers) and answers 200, or 502
// when a downstream failed. Telemetry is configured only by the OTEL_* variables swift-otel reads (its own
// reading of them is what the scenario judges); --name becomes the service name unless OTEL_SERVICE_NAME is set.
import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import OTel
import ServiceLifecycle
import Tracing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        fputs(
            "swift-otel-hop: \(problem)\nusage: swift-otel-hop --name NAME [--host H] [--port P] [--downstream URL]...\n",
            stderr)
        exit(2)
    }
}

/// Writes the propagation headers into an outgoing AsyncHTTPClient request.
struct HeadersInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout HTTPHeaders) {
        carrier.replaceOrAdd(name: key, value: value)
    }
}

/// Calls each downstream inside a CLIENT span; the statuses they answered (502 for a transport error).
func callDownstreams(
    _ downstreams: [String], method: HTTPRequest.Method, path: String, client: HTTPClient
) async -> [Int] {
    var statuses: [Int] = []
    for base in downstreams {
        let url = base + path
        let status = await withSpan(method.rawValue, ofKind: .client) { span -> Int in
            span.attributes["http.request.method"] = method.rawValue
            span.attributes["url.full"] = url
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: method.rawValue)
            InstrumentationSystem.instrument.inject(span.context, into: &request.headers, using: HeadersInjector())
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
                let code = Int(response.status.code)
                span.attributes["http.response.status_code"] = code
                if code >= 500 { span.setStatus(SpanStatus(code: .error)) }
                return code
            } catch {
                span.recordError(error)
                span.setStatus(SpanStatus(code: .error, message: "\(error)"))
                return 502
            }
        }
        statuses.append(status)
    }
    return statuses
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
var configuration = OTel.Configuration.default
configuration.serviceName = options.name
configuration.logs.enabled = false
configuration.metrics.enabled = false
let observability = try OTel.bootstrap(configuration: configuration)
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
        print("ready http=\(host):\(port)")
        fflush(stdout)
    },
    logger: {
        var logger = Logger(label: "swift-otel-hop")
        logger.logLevel = .warning
        return logger
    }()
)
app.addServices(observability)
try await app.runService()
try await client.shutdown()
