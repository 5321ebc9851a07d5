import CelloTelemetry

/// The validated configuration of one demo-service instance: every flag and OTEL_* variable is checked before
/// anything binds, and the first problem is reported with the flag, the value and what is allowed.
public struct DemoServiceSettings: Sendable {
    /// The service name (`--name`, else OTEL_SERVICE_NAME), also the `service.name` of its spans.
    public var serviceName: String
    public var host: String
    public var port: Int
    /// The next hops, called in order by `/api/users/{id}` and `/orders`.
    public var downstreams: [Downstream]
    public var telemetry: OpenTelemetryConfig
    public var environment: [String: String]

    /// A validated `--downstream` base URL, `http(s)://host[:port]` with an optional path prefix.
    public struct Downstream: Sendable, Hashable, CustomStringConvertible {
        /// The base URL without a trailing `/`.
        public var baseURL: String

        /// The URL of `path` (which starts with `/`) on this downstream.
        public func url(_ path: String) -> String { self.baseURL + path }

        public var description: String { self.baseURL }
    }

    /// - Throws: `DemoServiceSettingsError` naming the flag or variable at fault.
    public init(flags: DemoServiceFlags, environment: [String: String]) throws(DemoServiceSettingsError) {
        let host = flags.host
        guard !host.isEmpty, HostHeader(host.contains(":") ? "[\(host)]" : host) != nil else {
            throw DemoServiceSettingsError(.invalidListenAddress, field: "--host", "\"\(host)\" is not a host name or IP address")
        }
        guard (0...65535).contains(flags.port) else {
            throw DemoServiceSettingsError(.invalidListenAddress, field: "--port", "must be within 0...65535 (0 = any free port), got \(flags.port)")
        }
        self.host = host
        self.port = flags.port
        self.downstreams = try flags.downstreams.map { value throws(DemoServiceSettingsError) in try Self.downstream(value) }
        self.telemetry = try Self.telemetry(flags)
        self.environment = environment
        do {
            self.serviceName = try self.telemetry.resolve(environment: environment).serviceName
        } catch {
            throw DemoServiceSettingsError(.invalidTelemetry, field: Self.flag(for: error.field), error.message)
        }
    }

    private static func downstream(_ value: String) throws(DemoServiceSettingsError) -> Downstream {
        let target: ClientTarget
        do {
            target = try ClientTarget(value)
        } catch {
            throw DemoServiceSettingsError(.invalidDownstream, field: "--downstream", error.message)
        }
        guard !target.hasUserInfo, !target.hasQueryOrFragment else {
            throw DemoServiceSettingsError(
                .invalidDownstream,
                field: "--downstream",
                "\"\(value)\" must be a base URL http(s)://host:port[/prefix] without user info, query or fragment"
            )
        }
        var prefix = Substring(target.path)
        while prefix.last == "/" {
            prefix = prefix.dropLast()
        }
        let host = target.host.contains(":") ? "[\(target.host)]" : target.host
        return Downstream(baseURL: "\(target.scheme)://\(host):\(target.port)\(prefix)")
    }

    private static func telemetry(_ flags: DemoServiceFlags) throws(DemoServiceSettingsError) -> OpenTelemetryConfig {
        var propagation: [Propagation]?
        if let list = flags.propagation {
            propagation = []
            for name in list.split(separator: ",", omittingEmptySubsequences: false) {
                let name = name.trimmingSpaces
                guard let format = Propagation(name: name) else {
                    throw DemoServiceSettingsError(
                        .invalidTelemetry,
                        field: "--propagation",
                        "unknown format \"\(name)\"; allowed: w3c, tracecontext, baggage, b3, b3multi, jaeger"
                    )
                }
                propagation?.append(format)
            }
        }
        var config = OpenTelemetryConfig(
            serviceName: flags.name,
            otlpEndpoint: flags.otlpEndpoint,
            samplingRate: flags.samplingRate,
            propagation: propagation,
            exportTimeoutMs: flags.exportTimeoutMs,
            batchSize: flags.batchSize
        )
        if let name = flags.protocol {
            guard let exportProtocol = ExportProtocol(name: name) else {
                throw DemoServiceSettingsError(
                    .invalidTelemetry,
                    field: "--protocol",
                    "unknown protocol \"\(name)\"; allowed: grpc, http/protobuf, http/json"
                )
            }
            config.protocol = exportProtocol
        }
        return config
    }

    /// The flag that sets a configuration field, or the field itself when it came from the environment.
    private static func flag(for field: String) -> String {
        switch field {
        case "serviceName": "--name"
        case "otlpEndpoint": "--otlp-endpoint"
        case "samplingRate": "--sampling-rate"
        case "propagation": "--propagation"
        case "protocol": "--protocol"
        case "batchSize": "--batch-size"
        case "exportTimeoutMs": "--export-timeout-ms"
        default: field
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var trimmed = self
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
