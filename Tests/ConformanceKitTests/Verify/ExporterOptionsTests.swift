import Testing

@testable import ConformanceKit

/// `--header`, `--compression` and the other verify-exporter settings: parsed, validated, handed to the exporter.
@Suite("verify-exporter options")
struct ExporterOptionsTests {
    @Test("--header NAME=VALUE keeps everything after the first = as the value")
    func parsesHeader() throws {
        #expect(try ExporterHeader.parse("x-api-key=abc") == ExporterHeader(name: "x-api-key", value: "abc"))
        #expect(try ExporterHeader.parse("Authorization=Bearer a=b") == ExporterHeader(name: "Authorization", value: "Bearer a=b"))
        #expect(try ExporterHeader.parse("x-empty=") == ExporterHeader(name: "x-empty", value: ""))
    }

    @Test(
        "a bad --header is refused naming what is wrong",
        arguments: [
            ("novalue", "NAME=VALUE"),
            ("=abc", "empty name"),
            ("x key=1", "not an HTTP token"),
            ("x:key=1", "not an HTTP token"),
            ("Content-Type=text/plain", "transport"),
            ("grpc-timeout=1S", "transport"),
            ("x-trace-bin=AAEC", "binary"),
            ("x-a=line\nbreak", "control characters"),
            ("x-a= padded", "whitespace"),
        ])
    func refusesHeader(_ text: String, _ phrase: String) {
        do {
            _ = try ExporterHeader.parse(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.contains(phrase), "\(error.message)")
            #expect(error.message.contains("--header"), "\(error.message)")
        }
    }

    @Test("OTEL_EXPORTER_OTLP_HEADERS percent-encodes what the list format cannot carry")
    func environmentValue() {
        let headers = [
            ExporterHeader(name: "x-api-key", value: "abc"),
            ExporterHeader(name: "x-tenant", value: "a,b c%;\"ü"),
        ]
        #expect(ExporterHeader.environmentValue(headers) == "x-api-key=abc,x-tenant=a%2Cb%20c%25%3B%22%C3%BC")
    }

    @Test("the headers and compression are passed as OTEL_* variables; unset ones are not passed")
    func otelEnvironment() {
        var verifier = ExporterVerifier(exportProtocol: "http/protobuf", batchSize: 10, timeoutMs: 500)
        var environment = verifier.otelEnvironment(grpc: "127.0.0.1:1", http: "127.0.0.1:2")
        #expect(environment["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://127.0.0.1:2")
        #expect(environment["OTEL_EXPORTER_OTLP_TIMEOUT"] == "500")
        #expect(environment["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] == "10")
        #expect(environment["OTEL_EXPORTER_OTLP_HEADERS"] == nil)
        #expect(environment["OTEL_EXPORTER_OTLP_COMPRESSION"] == nil)
        verifier.headers = [ExporterHeader(name: "x-api-key", value: "k")]
        verifier.compression = "gzip"
        environment = verifier.otelEnvironment(grpc: "127.0.0.1:1", http: "127.0.0.1:2")
        #expect(environment["OTEL_EXPORTER_OTLP_HEADERS"] == "x-api-key=k")
        #expect(environment["OTEL_EXPORTER_OTLP_COMPRESSION"] == "gzip")
    }

    @Test(
        "bad settings are refused naming the flag and the value",
        arguments: [
            ("protocol", "--protocol must be grpc, http/protobuf or http/json, got 'thrift'"),
            ("batch", "--batch-size must be at least 1, got 0"),
            ("timeout", "--timeout-ms must be within 1...600000, got 0"),
            ("tolerance", "--tolerance-ms must be within 0...600000, got -1"),
            ("timeout-tolerance", "--timeout-tolerance-ms must be within 0...600000, got -5"),
            ("compression", "--compression must be gzip or none, got 'br'"),
            ("duplicate", "--header X-Key is given twice"),
        ])
    func refusesSettings(_ which: String, _ message: String) {
        var verifier = ExporterVerifier()
        switch which {
        case "protocol": verifier.exportProtocol = "thrift"
        case "batch": verifier.batchSize = 0
        case "timeout": verifier.timeoutMs = 0
        case "tolerance": verifier.toleranceMs = -1
        case "timeout-tolerance": verifier.timeoutToleranceMs = -5
        case "compression": verifier.compression = "br"
        default:
            verifier.headers = [ExporterHeader(name: "x-key", value: "1"), ExporterHeader(name: "X-Key", value: "2")]
        }
        #expect(throws: ExporterOptionError(message)) { try verifier.validate() }
    }

    @Test("the defaults are valid, and the stall is released after timeout + tolerance + grace")
    func defaults() throws {
        var verifier = ExporterVerifier(timeoutMs: 500)
        try verifier.validate()
        #expect(verifier.timeoutToleranceMs == 250)
        #expect(verifier.stallReleaseAfterMs == 2_750)
        verifier.compression = "none"
        try verifier.validate()
    }
}
