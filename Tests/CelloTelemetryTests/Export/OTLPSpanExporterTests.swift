@testable import CelloTelemetry
import Logging
import Testing

@Suite("OTLPSpanExporter.make")
struct OTLPSpanExporterTests {
    @Test("picks the exporter the protocol names, with the resolved endpoint", arguments: ["grpc", "http/protobuf", "http/json"])
    func picksProtocol(name: String) throws {
        let config = try OpenTelemetryConfig(serviceName: "svc", otlpEndpoint: "http://127.0.0.1:4318")
            .withProtocol(name)
            .resolve(environment: [:])
        let exporter = try OTLPSpanExporter.make(configuration: config, logger: Logger(label: "test"))
        if name == "grpc" {
            #expect(exporter is OTLPGRPCSpanExporter)
        } else {
            #expect(exporter is OTLPHTTPSpanExporter)
            #expect(config.otlpEndpoint.hasSuffix("/v1/traces"))
        }
    }

    @Test("carries headers, gzip and the timeout into the exporter configuration")
    func configuration() throws {
        var config = OpenTelemetryConfig(serviceName: "svc", exportTimeoutMs: 1234)
        config.headers = ["authorization": "x"]
        config.compression = .gzip
        let resolved = try config.resolve(environment: [:])
        let exporterConfiguration = OTLPExporterConfiguration(resolved)
        #expect(exporterConfiguration.timeout == .milliseconds(1234))
        #expect(exporterConfiguration.gzip)
        #expect(exporterConfiguration.headers == ["authorization": "x"])
    }
}

extension OpenTelemetryConfig {
    fileprivate func withProtocol(_ name: String) -> OpenTelemetryConfig {
        var copy = self
        copy.protocol = ExportProtocol(name: name)
        return copy
    }
}
