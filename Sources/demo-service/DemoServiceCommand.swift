import ArgumentParser
import CelloHTTP

/// The demo-service flags (docs/architecture.md, "demo-service CLI"); validation lives in `DemoServiceSettings`.
struct DemoServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-service",
        abstract: "Service A, B or C of the cello-telemetry topologies: traced routes, Prometheus, health.",
        discussion: "Prints `ready http=HOST:PORT` once listening. Telemetry flags left unset come from OTEL_* variables."
    )

    @Option(help: "Service name (service.name); default OTEL_SERVICE_NAME.")
    var name: String?

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free port.")
    var port: Int = 0

    @Option(name: .customLong("downstream"), help: "Next hop base URL (http://HOST:PORT); repeat for several, called in order.")
    var downstreams: [String] = []

    @Option(help: "OTLP endpoint, e.g. http://127.0.0.1:4317.")
    var otlpEndpoint: String?

    @Option(help: "Root sampling rate, 0.0...1.0.")
    var samplingRate: Double?

    @Option(help: "Comma-separated propagation formats: w3c, b3, b3multi, jaeger, baggage.")
    var propagation: String?

    @Option(name: .customLong("protocol"), help: "OTLP protocol: grpc, http/protobuf, http/json.")
    var exportProtocol: String?

    @Option(help: "Largest export batch.")
    var batchSize: Int?

    @Option(help: "Deadline of one export in milliseconds, retries included.")
    var exportTimeoutMs: Int?

    var flags: DemoServiceFlags {
        var flags = DemoServiceFlags()
        flags.name = self.name
        flags.host = self.host
        flags.port = self.port
        flags.downstreams = self.downstreams
        flags.otlpEndpoint = self.otlpEndpoint
        flags.samplingRate = self.samplingRate
        flags.propagation = self.propagation
        flags.protocol = self.exportProtocol
        flags.batchSize = self.batchSize
        flags.exportTimeoutMs = self.exportTimeoutMs
        return flags
    }
}
