import CelloTelemetry
import Testing

@Suite("Configuration validation")
struct ConfigurationValidationTests {
    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var config: OpenTelemetryConfig
        var environment: [String: String] = [:]
        var code: ConfigurationError.Code
        var field: String
        var testDescription: String { name }
    }

    static func config(_ edit: (inout OpenTelemetryConfig) -> Void) -> OpenTelemetryConfig {
        var config = OpenTelemetryConfig(serviceName: "svc")
        edit(&config)
        return config
    }

    static let cases: [BadCase] = [
        BadCase(name: "empty service name", config: .init(serviceName: " "), code: .missing, field: "serviceName"),
        BadCase(name: "no service name anywhere", config: .init(), code: .missing, field: "serviceName"),
        BadCase(name: "rate 1.5", config: config { $0.samplingRate = 1.5 }, code: .outOfRange, field: "samplingRate"),
        BadCase(name: "rate -0.1", config: config { $0.samplingRate = -0.1 }, code: .outOfRange, field: "samplingRate"),
        BadCase(name: "rate NaN", config: config { $0.samplingRate = .nan }, code: .outOfRange, field: "samplingRate"),
        BadCase(name: "rate infinity", config: config { $0.samplingRate = .infinity }, code: .outOfRange,
                field: "samplingRate"),
        BadCase(name: "empty propagation", config: config { $0.propagation = [] }, code: .missing,
                field: "propagation"),
        BadCase(name: "timeout 0", config: config { $0.exportTimeoutMs = 0 }, code: .outOfRange,
                field: "exportTimeoutMs"),
        BadCase(name: "timeout too long", config: config { $0.exportTimeoutMs = 600_001 }, code: .outOfRange,
                field: "exportTimeoutMs"),
        BadCase(name: "batch 0", config: config { $0.batchSize = 0 }, code: .outOfRange, field: "batchSize"),
        BadCase(name: "batch larger than queue", config: config { $0.batchSize = 3000 }, code: .outOfRange,
                field: "batchSize"),
        BadCase(name: "batch larger than env queue", config: config { $0.batchSize = 20 },
                environment: ["OTEL_BSP_MAX_QUEUE_SIZE": "10"], code: .outOfRange, field: "batchSize"),
        BadCase(name: "queue 0", config: config { $0.maxQueueSize = 0 }, code: .outOfRange, field: "maxQueueSize"),
        BadCase(name: "schedule delay 0", config: config { $0.scheduleDelayMs = 0 }, code: .outOfRange,
                field: "scheduleDelayMs"),
        BadCase(name: "endpoint without scheme", config: config { $0.otlpEndpoint = "localhost:4317" },
                code: .unparsable, field: "otlpEndpoint"),
        BadCase(name: "endpoint ftp", config: config { $0.otlpEndpoint = "ftp://h:1" }, code: .unparsable,
                field: "otlpEndpoint"),
        BadCase(name: "endpoint without host", config: config { $0.otlpEndpoint = "http://:4317" },
                code: .unparsable, field: "otlpEndpoint"),
        BadCase(name: "endpoint port 70000", config: config { $0.otlpEndpoint = "http://h:70000" },
                code: .unparsable, field: "otlpEndpoint"),
        BadCase(name: "endpoint port text", config: config { $0.otlpEndpoint = "http://h:abc" }, code: .unparsable,
                field: "otlpEndpoint"),
        BadCase(name: "header with newline", config: config { $0.headers = ["x": "a\r\nb"] }, code: .unparsable,
                field: "headers"),
        BadCase(name: "env queue text", config: config { _ in }, environment: ["OTEL_BSP_MAX_QUEUE_SIZE": "big"],
                code: .unparsable, field: "OTEL_BSP_MAX_QUEUE_SIZE"),
        BadCase(name: "env queue negative", config: config { _ in }, environment: ["OTEL_BSP_MAX_QUEUE_SIZE": "-1"],
                code: .outOfRange, field: "OTEL_BSP_MAX_QUEUE_SIZE"),
        BadCase(name: "env batch", config: config { _ in }, environment: ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "0"],
                code: .outOfRange, field: "OTEL_BSP_MAX_EXPORT_BATCH_SIZE"),
        BadCase(name: "env schedule delay", config: config { _ in }, environment: ["OTEL_BSP_SCHEDULE_DELAY": "1.5"],
                code: .unparsable, field: "OTEL_BSP_SCHEDULE_DELAY"),
        BadCase(name: "env bsp export timeout", config: config { _ in },
                environment: ["OTEL_BSP_EXPORT_TIMEOUT": "0"], code: .outOfRange, field: "OTEL_BSP_EXPORT_TIMEOUT"),
        BadCase(name: "env timeout", config: config { _ in }, environment: ["OTEL_EXPORTER_OTLP_TIMEOUT": "0"],
                code: .outOfRange, field: "OTEL_EXPORTER_OTLP_TIMEOUT"),
        BadCase(name: "env traces timeout", config: config { _ in },
                environment: ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "10s"], code: .unparsable,
                field: "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"),
        BadCase(name: "env protocol", config: config { _ in }, environment: ["OTEL_EXPORTER_OTLP_PROTOCOL": "thrift"],
                code: .unsupported, field: "OTEL_EXPORTER_OTLP_PROTOCOL"),
        BadCase(name: "env traces protocol", config: config { _ in },
                environment: ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http"], code: .unsupported,
                field: "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"),
        BadCase(name: "env compression", config: config { _ in },
                environment: ["OTEL_EXPORTER_OTLP_COMPRESSION": "zstd"], code: .unsupported,
                field: "OTEL_EXPORTER_OTLP_COMPRESSION"),
        BadCase(name: "env endpoint", config: config { _ in },
                environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "not a url"], code: .unparsable,
                field: "OTEL_EXPORTER_OTLP_ENDPOINT"),
        BadCase(name: "env traces endpoint", config: config { _ in },
                environment: ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "grpc://h:1"], code: .unparsable,
                field: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        BadCase(name: "env headers", config: config { _ in }, environment: ["OTEL_EXPORTER_OTLP_HEADERS": "novalue"],
                code: .unparsable, field: "OTEL_EXPORTER_OTLP_HEADERS"),
        BadCase(name: "env headers bad escape", config: config { _ in },
                environment: ["OTEL_EXPORTER_OTLP_HEADERS": "a=%zz"], code: .unparsable,
                field: "OTEL_EXPORTER_OTLP_HEADERS"),
        BadCase(name: "env resource attributes", config: config { _ in },
                environment: ["OTEL_RESOURCE_ATTRIBUTES": "=v"], code: .unparsable, field: "OTEL_RESOURCE_ATTRIBUTES"),
        BadCase(name: "env sampler", config: config { _ in }, environment: ["OTEL_TRACES_SAMPLER": "jaeger_remote"],
                code: .unsupported, field: "OTEL_TRACES_SAMPLER"),
        BadCase(name: "env sampler arg text", config: config { _ in },
                environment: ["OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "half"],
                code: .unparsable, field: "OTEL_TRACES_SAMPLER_ARG"),
        BadCase(name: "env sampler arg range", config: config { _ in },
                environment: ["OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "2"],
                code: .outOfRange, field: "OTEL_TRACES_SAMPLER_ARG"),
        BadCase(name: "env propagators", config: config { _ in }, environment: ["OTEL_PROPAGATORS": "tracecontext,xray"],
                code: .unsupported, field: "OTEL_PROPAGATORS"),
        BadCase(name: "env sdk disabled", config: config { _ in }, environment: ["OTEL_SDK_DISABLED": "yes"],
                code: .unparsable, field: "OTEL_SDK_DISABLED"),
    ]

    @Test("a bad value is refused with a code naming the field or variable", arguments: cases)
    func refused(_ test: BadCase) {
        #expect {
            _ = try test.config.resolve(environment: test.environment)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.code == test.code && error.field == test.field && !error.message.isEmpty
        }
    }

    @Test("the message names the value and the allowed range")
    func messageHasValueAndRange() throws {
        var config = OpenTelemetryConfig(serviceName: "s")
        config.samplingRate = 1.5
        let error = try #require(throws: ConfigurationError.self) { try config.resolve(environment: [:]) }
        #expect(error.message.contains("1.5"))
        #expect(error.message.contains("0.0...1.0"))
    }
}
