// An exporter driver on swift-otel 1.6.0 for `conformance verify-exporter` (Conformance/third-party/README.md): it
// bootstraps swift-otel's tracing backend configured only by the OTEL_* variables (endpoint, protocol, batch size,
// timeout, headers, compression), emits --traces traces of --spans-per-trace spans, and shuts the backend down
// gracefully (which flushes the queue), then exits. Logs and metrics are turned off in code: only spans are judged.
//
//     swift-otel-emit [--traces N] [--spans-per-trace M]
import Foundation
import Logging
import OTel
import ServiceLifecycle
import Tracing


struct Options {
    var traces = 10
    var spansPerTrace = 3

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let text = rest.popFirst(), let value = Int(text), value >= 0 else { usage("\(flag) needs a number") }
            switch flag {
            case "--traces": options.traces = value
            case "--spans-per-trace": options.spansPerTrace = value
            default: usage("unknown flag \(flag)")
            }
        }
        return options
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(
            Data("swift-otel-emit: \(problem)\nusage: swift-otel-emit [--traces N] [--spans-per-trace M]\n".utf8))
        exit(2)
    }
}

/// Emits the spans, then returns: the group then shuts the observability service down gracefully (a flush).
struct Emitter: Service {
    var options: Options

    func run() async throws {
        for index in 0..<options.traces {
            withSpan("GET /api/items", ofKind: .server) { root in
                root.attributes["http.request.method"] = "GET"
                root.attributes["item.index"] = index
                for child in 0..<max(options.spansPerTrace - 1, 0) {
                    withSpan("step-\(child)") { _ in }
                }
            }
        }
    }
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
var configuration = OTel.Configuration.default
configuration.logs.enabled = false
configuration.metrics.enabled = false
let observability = try OTel.bootstrap(configuration: configuration)
let group = ServiceGroup(
    configuration: ServiceGroupConfiguration(
        services: [
            .init(service: observability),
            .init(service: Emitter(options: options), successTerminationBehavior: .gracefullyShutdownGroup),
        ],
        logger: Logger(label: "swift-otel-emit")))
try await group.run()
