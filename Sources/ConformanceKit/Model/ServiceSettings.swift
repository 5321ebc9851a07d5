import Foundation

/// What a service of a scenario was configured with, read back from the OTEL_* environment it is given (the
/// scenario's keys and its `env` overrides together): the settings the strict judge holds that service to.
///
/// docs/cello-telemetry.md sections 1 (standard variables) and 7 ("strict by default").
public struct ServiceSettings: Sendable, Hashable {
    /// OTEL_EXPORTER_OTLP_PROTOCOL (`grpc`, `http/protobuf`, `http/json`).
    public var exportProtocol: String
    /// OTEL_EXPORTER_OTLP_COMPRESSION when given (`gzip` or `none`).
    public var compression: String?
    /// OTEL_BSP_MAX_EXPORT_BATCH_SIZE when given.
    public var batchSize: Int?
    /// OTEL_EXPORTER_OTLP_TIMEOUT (milliseconds) when given.
    public var exportTimeoutMs: Int?
    /// OTEL_EXPORTER_OTLP_HEADERS, names lower-cased, values decoded.
    public var headers: [String: String]
    /// The formats of OTEL_PROPAGATORS; the OpenTelemetry default (`tracecontext,baggage`) when not given.
    public var propagation: [PropagationFormat]
    /// Whether W3C `baggage` is propagated (OTEL_PROPAGATORS has `baggage`, or was left at its default).
    public var baggage: Bool
    /// OTEL_TRACES_SAMPLER_ARG of a ratio sampler when given.
    public var samplingRate: Double?

    /// Reads the settings from the environment a service is started with.
    public init(environment env: [String: String]) {
        exportProtocol = env["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] ?? env["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "grpc"
        compression = env["OTEL_EXPORTER_OTLP_TRACES_COMPRESSION"] ?? env["OTEL_EXPORTER_OTLP_COMPRESSION"]
        batchSize = env["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        exportTimeoutMs = (env["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"] ?? env["OTEL_EXPORTER_OTLP_TIMEOUT"])
            .flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        headers = Self.parseHeaders(env["OTEL_EXPORTER_OTLP_HEADERS"] ?? "")
            .merging(Self.parseHeaders(env["OTEL_EXPORTER_OTLP_TRACES_HEADERS"] ?? "")) { _, signal in signal }
        let names = (env["OTEL_PROPAGATORS"] ?? "tracecontext,baggage").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var formats: [PropagationFormat] = []
        for name in names {
            if let format = PropagationFormat(name: name), !formats.contains(format) { formats.append(format) }
        }
        propagation = formats
        baggage = names.contains("baggage")
        let sampler = env["OTEL_TRACES_SAMPLER"] ?? ""
        // A ratio the service cannot have been given (not a number within 0...1) is not judged as one.
        samplingRate = sampler.hasSuffix("traceidratio")
            ? env["OTEL_TRACES_SAMPLER_ARG"].flatMap { Double($0) }.flatMap { $0.isFinite && (0...1).contains($0) ? $0 : nil }
            : nil
        if sampler == "always_off" || sampler == "parentbased_always_off" { samplingRate = 0 }
        if sampler == "always_on" || sampler == "parentbased_always_on" { samplingRate = 1 }
    }

    /// `k1=v1,k2=v2` with percent-encoded values (the OTLP exporter's header list format).
    static func parseHeaders(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: ",") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(pair[pair.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            result[name] = value.removingPercentEncoding ?? value
        }
        return result
    }
}
