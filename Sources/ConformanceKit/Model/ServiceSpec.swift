/// One service of a scenario's topology and the telemetry configuration handed to it through OTEL_* variables.
///
/// docs/cello-telemetry.md sections 1 (standard variables) and 7 (each service's configuration).
public struct ServiceSpec: Sendable, Hashable {
    /// The name: becomes OTEL_SERVICE_NAME and `--name`, and is how other services and expectations refer to it.
    public var name: String
    public var kind: ServiceKind
    /// For `command`: the program and its arguments, with `{port}`, `{downstream}` (comma-separated URLs), `{name}`
    /// and `${VAR}` (from the runner's environment); a relative program path is resolved from the scenario file's
    /// folder, which is also the working folder.
    public var command: [String]
    /// For `external`: the service's base URL, e.g. `http://a:8080` or `${CELLO_E2E_A_URL}` (expanded at run time).
    public var url: String?
    /// The services this one calls, by name (chain or fan-out).
    public var downstream: [String]
    /// Extra environment variables, passed as given (they win over the generated OTEL_* ones).
    public var environment: [String: String]
    /// Propagation formats (OTEL_PROPAGATORS); empty leaves the service's default.
    public var propagation: [PropagationFormat]
    /// OTEL_EXPORTER_OTLP_PROTOCOL: `grpc`, `http/protobuf` or `http/json`.
    public var exportProtocol: String
    /// Root sampling rate (OTEL_TRACES_SAMPLER=parentbased_traceidratio + _ARG); nil leaves the default.
    public var samplingRate: Double?
    /// OTEL_BSP_MAX_EXPORT_BATCH_SIZE.
    public var batchSize: Int?
    /// OTEL_EXPORTER_OTLP_TIMEOUT in milliseconds.
    public var exportTimeoutMs: Int?
    /// OTEL_BSP_SCHEDULE_DELAY in milliseconds.
    public var scheduleDelayMs: Int?
    /// OTEL_BSP_MAX_QUEUE_SIZE.
    public var maxQueueSize: Int?
    /// OTEL_EXPORTER_OTLP_COMPRESSION: `gzip` or `none`.
    public var compression: String?
    /// OTEL_EXPORTER_OTLP_HEADERS: headers every export request of this service must carry.
    public var headers: [String: String] = [:]

    public init(
        name: String, kind: ServiceKind = .demo, command: [String] = [], downstream: [String] = [],
        environment: [String: String] = [:], propagation: [PropagationFormat] = [], exportProtocol: String = "grpc",
        samplingRate: Double? = nil, batchSize: Int? = nil, exportTimeoutMs: Int? = nil,
        scheduleDelayMs: Int? = nil, maxQueueSize: Int? = nil, compression: String? = nil, url: String? = nil
    ) {
        self.url = url
        self.name = name
        self.kind = kind
        self.command = command
        self.downstream = downstream
        self.environment = environment
        self.propagation = propagation
        self.exportProtocol = exportProtocol
        self.samplingRate = samplingRate
        self.batchSize = batchSize
        self.exportTimeoutMs = exportTimeoutMs
        self.scheduleDelayMs = scheduleDelayMs
        self.maxQueueSize = maxQueueSize
        self.compression = compression
    }

    /// The OTEL_* variables that configure this service, given the collector endpoint for its protocol.
    public func otelEnvironment(endpoint: String) -> [String: String] {
        var env: [String: String] = [
            "OTEL_SERVICE_NAME": name,
            "OTEL_EXPORTER_OTLP_ENDPOINT": endpoint,
            "OTEL_EXPORTER_OTLP_PROTOCOL": exportProtocol,
        ]
        if !propagation.isEmpty {
            var names: [String] = []
            for format in propagation {
                for name in format.otelPropagators where !names.contains(name) { names.append(name) }
            }
            env["OTEL_PROPAGATORS"] = names.joined(separator: ",")
        }
        if let samplingRate {
            env["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio"
            env["OTEL_TRACES_SAMPLER_ARG"] = String(samplingRate)
        }
        if let batchSize { env["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = String(batchSize) }
        if let exportTimeoutMs { env["OTEL_EXPORTER_OTLP_TIMEOUT"] = String(exportTimeoutMs) }
        if let scheduleDelayMs { env["OTEL_BSP_SCHEDULE_DELAY"] = String(scheduleDelayMs) }
        if let maxQueueSize { env["OTEL_BSP_MAX_QUEUE_SIZE"] = String(maxQueueSize) }
        if let compression { env["OTEL_EXPORTER_OTLP_COMPRESSION"] = compression }
        if !headers.isEmpty {
            env["OTEL_EXPORTER_OTLP_HEADERS"] = headers.sorted { $0.key < $1.key }
                .map { "\($0.key)=\(Self.percentEncode($0.value))" }.joined(separator: ",")
        }
        return env.merging(environment) { _, explicit in explicit }
    }

    /// The settings the judge holds this service to: what its OTEL_* environment says (explicit `env` included).
    public var settings: ServiceSettings { ServiceSettings(environment: otelEnvironment(endpoint: "")) }

    /// Percent-encodes what the OTLP header list format cannot carry as is (`,`, `=`, `%`, spaces, non-ASCII).
    static func percentEncode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            let safe = (byte >= 0x21 && byte <= 0x7E) && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "=")
                && byte != UInt8(ascii: "%")
            out += safe ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPad(2)
        }
        return out
    }

    /// Whether the exporter speaks gRPC (to the collector's gRPC port) rather than OTLP/HTTP.
    public var usesGRPC: Bool { exportProtocol == "grpc" }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
