import CelloHTTP
import CelloTelemetry
import Testing

@Suite("DemoServiceSettings")
struct DemoServiceSettingsTests {
    static func flags(_ change: (inout DemoServiceFlags) -> Void = { _ in }) -> DemoServiceFlags {
        var flags = DemoServiceFlags()
        flags.name = "A"
        change(&flags)
        return flags
    }

    static func refusal(_ flags: DemoServiceFlags, environment: [String: String] = [:]) -> DemoServiceSettingsError? {
        do {
            _ = try DemoServiceSettings(flags: flags, environment: environment)
            return nil
        } catch {
            return error
        }
    }

    @Test("accepts the documented flags and normalises downstream base URLs")
    func accepts() throws {
        let settings = try DemoServiceSettings(
            flags: Self.flags {
                $0.downstreams = ["http://127.0.0.1:9001", "http://localhost:9002/prefix/"]
                $0.propagation = "w3c, b3,jaeger"
                $0.samplingRate = 0.25
                $0.protocol = "http/protobuf"
                $0.batchSize = 10
                $0.exportTimeoutMs = 500
            },
            environment: [:]
        )
        #expect(settings.serviceName == "A")
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 0)
        #expect(settings.downstreams.map(\.baseURL) == ["http://127.0.0.1:9001", "http://localhost:9002/prefix"])
        #expect(settings.downstreams[0].url("/users/1") == "http://127.0.0.1:9001/users/1")
        #expect(settings.telemetry.propagation == [.w3c, .b3, .jaeger])
        #expect(settings.telemetry.protocol == .httpProtobuf)
        #expect(settings.telemetry.samplingRate == 0.25)
    }

    @Test("takes the service name from OTEL_SERVICE_NAME when --name is absent")
    func nameFromEnvironment() throws {
        let settings = try DemoServiceSettings(
            flags: Self.flags { $0.name = nil },
            environment: ["OTEL_SERVICE_NAME": "from-env"]
        )
        #expect(settings.serviceName == "from-env")
    }

    @Test(
        "refuses a bad --downstream URL at start-up",
        arguments: [
            "ftp://127.0.0.1:1", "127.0.0.1:8080", "http://", "http://127.0.0.1:99999", "http://u:p@127.0.0.1:1",
            "http://127.0.0.1:1/?q=1", "http://127.0.0.1:1/#x", "http://127.0.0.1:0",
        ]
    )
    func refusesBadDownstream(_ url: String) throws {
        let error = try #require(Self.refusal(Self.flags { $0.downstreams = ["http://127.0.0.1:1", url] }))
        #expect(error.code == .invalidDownstream)
        #expect(error.field == "--downstream")
    }

    @Test("refuses a bad --host or --port")
    func refusesListenAddress() throws {
        #expect(Self.refusal(Self.flags { $0.port = 70_000 })?.code == .invalidListenAddress)
        #expect(Self.refusal(Self.flags { $0.port = -1 })?.field == "--port")
        #expect(Self.refusal(Self.flags { $0.host = "" })?.field == "--host")
        #expect(Self.refusal(Self.flags { $0.host = "a b" })?.code == .invalidListenAddress)
    }

    @Test("refuses bad telemetry flags and variables, naming them")
    func refusesTelemetry() throws {
        let rate = try #require(Self.refusal(Self.flags { $0.samplingRate = 1.5 }))
        #expect(rate.code == .invalidTelemetry)
        #expect(rate.field == "--sampling-rate")
        #expect(Self.refusal(Self.flags { $0.samplingRate = .nan })?.field == "--sampling-rate")
        #expect(Self.refusal(Self.flags { $0.propagation = "w3c,zipkin" })?.field == "--propagation")
        #expect(Self.refusal(Self.flags { $0.protocol = "thrift" })?.field == "--protocol")
        #expect(Self.refusal(Self.flags { $0.exportTimeoutMs = 0 })?.field == "--export-timeout-ms")
        #expect(Self.refusal(Self.flags { $0.otlpEndpoint = "not a url" })?.field == "--otlp-endpoint")
        #expect(Self.refusal(Self.flags { $0.name = nil })?.code == .invalidTelemetry)
        let env = try #require(
            Self.refusal(
                Self.flags(),
                environment: ["OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "2"]
            )
        )
        #expect(env.field == "OTEL_TRACES_SAMPLER_ARG")
    }
}
