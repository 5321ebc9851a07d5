/// Merging code, OTEL_* environment and defaults, then validating.
///
/// Spec: docs/cello-telemetry.md section 1 (code wins, then environment, then defaults; nothing starts
/// half-configured); https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
/// https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp.
extension OpenTelemetryConfig {
    /// Allowed ranges, shared by fields and variables.
    enum Limits {
        static let exportTimeoutMs = 1...600_000
        static let maxQueueSize = 1...1_000_000
        static let scheduleDelayMs = 1...3_600_000
        static let defaultBatchSize = 512
        static let defaultMaxQueueSize = 2048
        static let defaultScheduleDelayMs = 5000
        static let defaultExportTimeoutMs = 10_000
        static let defaultProcessorExportTimeoutMs = 30_000
    }

    /// Merges this config over `environment` and the defaults and validates every value.
    /// - Throws: ``ConfigurationError`` for the first bad value, naming the field or variable.
    public func resolve(environment: [String: String]) throws(ConfigurationError) -> ResolvedTelemetryConfiguration {
        let env = EnvironmentReader(environment: environment)

        var resourceAttributes = try env.keyValueList("OTEL_RESOURCE_ATTRIBUTES") ?? [:]
        for (key, value) in self.resourceAttributes ?? [:] {
            guard !key.isEmpty else {
                throw ConfigurationError(code: .missing, field: "resourceAttributes", message: "a key is empty")
            }
            resourceAttributes[key] = value
        }
        let serviceName = try resolveServiceName(env: env, resourceAttributes: resourceAttributes)
        resourceAttributes["service.name"] = serviceName

        let exportProtocol = try resolveProtocol(env: env)
        let maxQueueSize = try resolveInt(
            maxQueueSize, field: "maxQueueSize", variables: ["OTEL_BSP_MAX_QUEUE_SIZE"], range: Limits.maxQueueSize,
            env: env) ?? Limits.defaultMaxQueueSize
        let batchSize = try resolveInt(
            batchSize, field: "batchSize", variables: ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"], range: 1...maxQueueSize,
            env: env) ?? min(Limits.defaultBatchSize, maxQueueSize)

        return ResolvedTelemetryConfiguration(
            serviceName: serviceName,
            otlpEndpoint: try resolveEndpoint(env: env, protocol: exportProtocol),
            protocol: exportProtocol,
            headers: try resolveHeaders(env: env),
            compression: try resolveCompression(env: env),
            exportTimeoutMs: try resolveInt(
                exportTimeoutMs, field: "exportTimeoutMs",
                variables: ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT"],
                range: Limits.exportTimeoutMs, env: env) ?? Limits.defaultExportTimeoutMs,
            sampler: try resolveSampler(env: env),
            propagation: try resolvePropagation(env: env),
            batchSize: batchSize,
            maxQueueSize: maxQueueSize,
            scheduleDelayMs: try resolveInt(
                scheduleDelayMs, field: "scheduleDelayMs", variables: ["OTEL_BSP_SCHEDULE_DELAY"],
                range: Limits.scheduleDelayMs, env: env) ?? Limits.defaultScheduleDelayMs,
            processorExportTimeoutMs: try env.int("OTEL_BSP_EXPORT_TIMEOUT", in: Limits.exportTimeoutMs)
                ?? Limits.defaultProcessorExportTimeoutMs,
            resourceAttributes: resourceAttributes,
            attributeSet: attributeSet ?? .both,
            sdkDisabled: try env.bool("OTEL_SDK_DISABLED") ?? false
        )
    }

    private func resolveServiceName(
        env: EnvironmentReader, resourceAttributes: [String: String]
    ) throws(ConfigurationError) -> String {
        if let serviceName {
            let trimmed = serviceName.trimmingOWS()
            guard !trimmed.isEmpty else {
                throw ConfigurationError(code: .missing, field: "serviceName", message: "must not be empty")
            }
            return trimmed
        }
        if let name = env.string("OTEL_SERVICE_NAME") { return name }
        if let name = resourceAttributes["service.name"], !name.isEmpty { return name }
        throw ConfigurationError(
            code: .missing, field: "serviceName",
            message: "must be set in code, OTEL_SERVICE_NAME or service.name in OTEL_RESOURCE_ATTRIBUTES")
    }

    private func resolveProtocol(env: EnvironmentReader) throws(ConfigurationError) -> ExportProtocol {
        if let `protocol` { return `protocol` }
        guard let (name, text) = env.first("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL") else {
            return .grpc
        }
        guard let value = ExportProtocol(name: text) else {
            throw ConfigurationError(
                code: .unsupported, field: name, message: "must be grpc, http/protobuf or http/json, got '\(text)'")
        }
        return value
    }

    private func resolveEndpoint(
        env: EnvironmentReader, protocol: ExportProtocol
    ) throws(ConfigurationError) -> String {
        if let otlpEndpoint {
            let url = try Validate.endpoint(otlpEndpoint, field: "otlpEndpoint")
            return `protocol`.isHTTP ? url.withTracesPath : url.string
        }
        if let text = env.string("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            return try Validate.endpoint(text, field: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").string
        }
        if let text = env.string("OTEL_EXPORTER_OTLP_ENDPOINT") {
            let url = try Validate.endpoint(text, field: "OTEL_EXPORTER_OTLP_ENDPOINT")
            return `protocol`.isHTTP ? url.withTracesPath : url.string
        }
        return `protocol`.isHTTP ? "http://localhost:4318/v1/traces" : "http://localhost:4317"
    }

    private func resolveHeaders(env: EnvironmentReader) throws(ConfigurationError) -> [String: String] {
        if let headers {
            for (name, value) in headers {
                let bad = name.isEmpty || name.contains(where: { $0 == ":" || $0 == " " || $0.isNewline })
                guard !bad, !value.contains(where: \.isNewline) else {
                    throw ConfigurationError(
                        code: .unparsable, field: "headers",
                        message: "header '\(name)' needs a token name and a value without line breaks")
                }
            }
            return headers
        }
        if let signal = try env.keyValueList("OTEL_EXPORTER_OTLP_TRACES_HEADERS") { return signal }
        return try env.keyValueList("OTEL_EXPORTER_OTLP_HEADERS") ?? [:]
    }

    private func resolveCompression(env: EnvironmentReader) throws(ConfigurationError) -> Compression {
        if let compression { return compression }
        guard let (name, text) = env.first("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION")
        else { return .none }
        guard let value = Compression(name: text) else {
            throw ConfigurationError(code: .unsupported, field: name, message: "must be none or gzip, got '\(text)'")
        }
        return value
    }

    private func resolveInt(
        _ code: Int?, field: String, variables: [String], range: ClosedRange<Int>, env: EnvironmentReader
    ) throws(ConfigurationError) -> Int? {
        if let code {
            try Validate.range(code, range, field: field)
            return code
        }
        for variable in variables {
            if let value = try env.int(variable, in: range) { return value }
        }
        return nil
    }

    private func resolveSampler(env: EnvironmentReader) throws(ConfigurationError) -> SamplerSelection {
        if let samplingRate {
            try Validate.probability(samplingRate, field: "samplingRate")
            return .parentBasedTraceIDRatio(samplingRate)
        }
        guard let text = env.string("OTEL_TRACES_SAMPLER") else { return .parentBasedAlwaysOn }
        func ratio() throws(ConfigurationError) -> Double {
            guard let argText = env.string("OTEL_TRACES_SAMPLER_ARG") else { return 1.0 }
            guard let value = Double(argText) else {
                throw ConfigurationError(
                    code: .unparsable, field: "OTEL_TRACES_SAMPLER_ARG",
                    message: "must be a number within 0.0...1.0, got '\(argText)'")
            }
            try Validate.probability(value, field: "OTEL_TRACES_SAMPLER_ARG")
            return value
        }
        switch text.lowercased() {
        case "always_on": return .alwaysOn
        case "always_off": return .alwaysOff
        case "traceidratio": return .traceIDRatio(try ratio())
        case "parentbased_always_on": return .parentBasedAlwaysOn
        case "parentbased_always_off": return .parentBasedAlwaysOff
        case "parentbased_traceidratio": return .parentBasedTraceIDRatio(try ratio())
        default:
            throw ConfigurationError(
                code: .unsupported, field: "OTEL_TRACES_SAMPLER",
                message: "must be always_on, always_off, traceidratio, parentbased_always_on, "
                    + "parentbased_always_off or parentbased_traceidratio, got '\(text)'")
        }
    }

    private func resolvePropagation(env: EnvironmentReader) throws(ConfigurationError) -> [Propagation] {
        if let propagation {
            guard !propagation.isEmpty else {
                throw ConfigurationError(code: .missing, field: "propagation", message: "must list at least one format")
            }
            return propagation.uniqued()
        }
        guard let text = env.string("OTEL_PROPAGATORS") else { return [.w3c] }
        var result: [Propagation] = []
        for rawName in text.split(separator: ",") {
            let name = rawName.trimmingOWS()
            if name.isEmpty || name.lowercased() == "none" { continue }
            guard let value = Propagation(name: name) else {
                throw ConfigurationError(
                    code: .unsupported, field: "OTEL_PROPAGATORS",
                    message: "must list tracecontext, baggage, b3, b3multi, jaeger or none, got '\(name)'")
            }
            result.append(value)
        }
        return result.uniqued()
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
