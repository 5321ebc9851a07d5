import CelloTelemetry
import Testing

@Suite("OpenTelemetryConfig")
struct OpenTelemetryConfigTests {
    private let named = OpenTelemetryConfig(serviceName: "svc")

    @Test("defaults follow the spec when code and environment say nothing")
    func defaults() throws {
        let resolved = try named.resolve(environment: [:])
        #expect(resolved.serviceName == "svc")
        #expect(resolved.otlpEndpoint == "http://localhost:4317")
        #expect(resolved.protocol == .grpc)
        #expect(resolved.samplingRate == 1.0)
        #expect(resolved.sampler == .parentBasedAlwaysOn)
        #expect(resolved.propagation == [.w3c])
        #expect(resolved.exportTimeoutMs == 10_000)
        #expect(resolved.batchSize == 512)
        #expect(resolved.maxQueueSize == 2048)
        #expect(resolved.scheduleDelayMs == 5000)
        #expect(resolved.processorExportTimeoutMs == 30_000)
        #expect(resolved.compression == .none)
        #expect(resolved.headers.isEmpty)
        #expect(resolved.attributeSet == .both)
        #expect(resolved.sdkDisabled == false)
        #expect(resolved.resourceAttributes["service.name"] == "svc")
    }

    @Test("code wins over the environment, which wins over defaults")
    func precedence() throws {
        let environment = [
            "OTEL_SERVICE_NAME": "from-env",
            "OTEL_EXPORTER_OTLP_TIMEOUT": "2500",
            "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": "100",
            "OTEL_BSP_MAX_QUEUE_SIZE": "4000",
        ]
        let fromEnv = try OpenTelemetryConfig().resolve(environment: environment)
        #expect(fromEnv.serviceName == "from-env")
        #expect(fromEnv.exportTimeoutMs == 2500)
        #expect(fromEnv.batchSize == 100)
        #expect(fromEnv.maxQueueSize == 4000)

        let fromCode = try OpenTelemetryConfig(serviceName: "code", exportTimeoutMs: 700, batchSize: 50)
            .resolve(environment: environment)
        #expect(fromCode.serviceName == "code")
        #expect(fromCode.exportTimeoutMs == 700)
        #expect(fromCode.batchSize == 50)
        #expect(fromCode.maxQueueSize == 4000)
    }

    @Test("the signal-specific variable wins over the generic one")
    func signalSpecificWins() throws {
        let resolved = try named.resolve(environment: [
            "OTEL_EXPORTER_OTLP_TIMEOUT": "1000", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "2000",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/json",
            "OTEL_EXPORTER_OTLP_COMPRESSION": "none", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION": "gzip",
            "OTEL_EXPORTER_OTLP_HEADERS": "a=1", "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "b=2",
        ])
        #expect(resolved.exportTimeoutMs == 2000)
        #expect(resolved.protocol == .httpJSON)
        #expect(resolved.compression == .gzip)
        #expect(resolved.headers == ["b": "2"])
    }

    struct EndpointCase: Sendable, CustomTestStringConvertible {
        var code: String?
        var environment: [String: String]
        var expected: String
        var testDescription: String { "\(code ?? "-") \(environment) -> \(expected)" }
    }

    @Test(
        "the HTTP endpoint gets /v1/traces only from the generic variable or code",
        arguments: [
            EndpointCase(code: nil, environment: ["OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"],
                         expected: "http://localhost:4318/v1/traces"),
            EndpointCase(code: nil, environment: [
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"],
                         expected: "http://c:4318/v1/traces"),
            EndpointCase(code: nil, environment: [
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318/base/"],
                         expected: "http://c:4318/base/v1/traces"),
            EndpointCase(code: nil, environment: [
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/custom"],
                         expected: "http://c:4318/custom"),
            EndpointCase(code: nil, environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "https://c:4317"],
                         expected: "https://c:4317"),
            EndpointCase(code: "http://127.0.0.1:9999", environment: [
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://x:1"],
                         expected: "http://127.0.0.1:9999/v1/traces"),
            EndpointCase(code: "http://[::1]:4317", environment: [:], expected: "http://[::1]:4317"),
        ])
    func endpoint(_ test: EndpointCase) throws {
        var config = named
        config.otlpEndpoint = test.code
        #expect(try config.resolve(environment: test.environment).otlpEndpoint == test.expected)
    }

    struct SamplerCase: Sendable, CustomTestStringConvertible {
        var sampler: String
        var arg: String?
        var expected: SamplerSelection
        var testDescription: String { "\(sampler) \(arg ?? "")" }
    }

    @Test(
        "OTEL_TRACES_SAMPLER names the sampler",
        arguments: [
            SamplerCase(sampler: "always_on", arg: nil, expected: .alwaysOn),
            SamplerCase(sampler: "always_off", arg: nil, expected: .alwaysOff),
            SamplerCase(sampler: "traceidratio", arg: "0.25", expected: .traceIDRatio(0.25)),
            SamplerCase(sampler: "traceidratio", arg: nil, expected: .traceIDRatio(1.0)),
            SamplerCase(sampler: "parentbased_always_on", arg: nil, expected: .parentBasedAlwaysOn),
            SamplerCase(sampler: "parentbased_always_off", arg: nil, expected: .parentBasedAlwaysOff),
            SamplerCase(sampler: "PARENTBASED_TRACEIDRATIO", arg: "0", expected: .parentBasedTraceIDRatio(0)),
        ])
    func samplerFromEnvironment(_ test: SamplerCase) throws {
        var environment = ["OTEL_TRACES_SAMPLER": test.sampler]
        environment["OTEL_TRACES_SAMPLER_ARG"] = test.arg
        #expect(try named.resolve(environment: environment).sampler == test.expected)
    }

    @Test("samplingRate in code builds ParentBased(ratio) and beats OTEL_TRACES_SAMPLER")
    func samplingRateInCode() throws {
        let resolved = try OpenTelemetryConfig(serviceName: "s", samplingRate: 0.3)
            .resolve(environment: ["OTEL_TRACES_SAMPLER": "always_off"])
        #expect(resolved.sampler == .parentBasedTraceIDRatio(0.3))
        #expect(resolved.samplingRate == 0.3)
    }

    @Test("OTEL_PROPAGATORS lists formats; none means no propagation")
    func propagatorsFromEnvironment() throws {
        let list = try named.resolve(environment: ["OTEL_PROPAGATORS": "tracecontext, baggage,b3,b3multi,jaeger,b3"])
        #expect(list.propagation == [.traceContext, .baggage, .b3, .b3multi, .jaeger])
        #expect(try named.resolve(environment: ["OTEL_PROPAGATORS": "none"]).propagation == [])
    }

    @Test("key/value lists are split, trimmed and percent-decoded; code resource attributes win per key")
    func keyValueLists() throws {
        var config = named
        config.resourceAttributes = ["team": "code"]
        let resolved = try config.resolve(environment: [
            "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod, team=env,note=a%20b%2Cc",
            "OTEL_EXPORTER_OTLP_HEADERS": "authorization=Bearer%20xyz, x-tenant = t1",
        ])
        #expect(resolved.resourceAttributes["deployment.environment"] == "prod")
        #expect(resolved.resourceAttributes["team"] == "code")
        #expect(resolved.resourceAttributes["note"] == "a b,c")
        #expect(resolved.headers == ["authorization": "Bearer xyz", "x-tenant": "t1"])
    }

    @Test("the service name comes from code, then OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES")
    func serviceNameOrder() throws {
        let fromAttributes = try OpenTelemetryConfig()
            .resolve(environment: ["OTEL_RESOURCE_ATTRIBUTES": "service.name=attr"])
        #expect(fromAttributes.serviceName == "attr")
        let fromVariable = try OpenTelemetryConfig()
            .resolve(environment: ["OTEL_RESOURCE_ATTRIBUTES": "service.name=attr", "OTEL_SERVICE_NAME": "var"])
        #expect(fromVariable.serviceName == "var")
        #expect(fromVariable.resource.serviceName == "var")
    }

    @Test("an empty variable counts as unset")
    func emptyVariables() throws {
        let resolved = try named.resolve(environment: ["OTEL_BSP_MAX_QUEUE_SIZE": "", "OTEL_PROPAGATORS": "  "])
        #expect(resolved.maxQueueSize == 2048)
        #expect(resolved.propagation == [.w3c])
    }

    @Test("OTEL_SDK_DISABLED=true disables the SDK")
    func sdkDisabled() throws {
        #expect(try named.resolve(environment: ["OTEL_SDK_DISABLED": "TRUE"]).sdkDisabled)
        #expect(try named.resolve(environment: ["OTEL_SDK_DISABLED": "false"]).sdkDisabled == false)
    }

    @Test("the default batch size shrinks to a smaller queue")
    func batchFitsQueue() throws {
        var config = named
        config.maxQueueSize = 100
        #expect(try config.resolve(environment: [:]).batchSize == 100)
    }
}
