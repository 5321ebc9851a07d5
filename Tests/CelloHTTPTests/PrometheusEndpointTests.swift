import CelloHTTP
import CelloTelemetry
import CelloTelemetryTesting
import NIOHTTP1
import Testing

@Suite("Prometheus endpoint")
struct PrometheusEndpointTests {
    @Test("/metrics is Prometheus text format and counts requests by route template, not health or metrics")
    func countsByTemplate() async throws {
        var flags = DemoServiceFlags()
        flags.name = "metrics-test"
        let app = try DemoService.makeApp(
            settings: try DemoServiceSettings(flags: flags, environment: [:]),
            exporter: InMemorySpanExporter()
        )
        let text = try await app.withRunning { address in
            for id in 1...3 {
                #expect(try await TestHTTP.send(address.baseURL + "/users/\(id)").status == 200)
            }
            #expect(try await TestHTTP.send(address.baseURL + "/status/503").status == 503)
            #expect(try await TestHTTP.send(address.baseURL + "/nowhere").status == 404)
            #expect(try await TestHTTP.send(address.baseURL + "/health/live").status == 200)
            #expect(try await TestHTTP.send(address.baseURL + "/health").status == 200)
            _ = try await TestHTTP.send(address.baseURL + "/metrics")
            let metrics = try await TestHTTP.send(address.baseURL + "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers.first(name: "content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
            return metrics.text
        }
        let parsed = try PrometheusText(text)

        #expect(parsed.types["cello_http_requests_total"] == "counter")
        #expect(parsed.types["cello_http_request_duration_seconds"] == "histogram")
        #expect(parsed.types["cello_http_requests_in_flight"] == "gauge")
        #expect(parsed.types["cello_http_response_size_bytes"] == "histogram")

        let total = "cello_http_requests_total"
        #expect(parsed.value(total, ["method": "GET", "status": "200", "path": "/users/{id}"]) == 3)
        #expect(parsed.value(total, ["method": "GET", "status": "503", "path": "/status/{code}"]) == 1)
        #expect(parsed.value(total, ["method": "GET", "status": "404", "path": "unmatched"]) == 1)
        #expect(parsed.samples(named: total).reduce(0) { $0 + $1.value } == 5)
        for sample in parsed.samples where sample.name.hasPrefix("cello_http_") {
            let path = sample.labels["path"] ?? ""
            #expect(path != "/metrics" && !path.hasPrefix("/health"), "\(sample)")
        }
        let byRoute = ["method": "GET", "path": "/users/{id}"]
        #expect(parsed.value("cello_http_request_duration_seconds_count", byRoute) == 3)
        #expect(parsed.value("cello_http_response_size_bytes_count", byRoute) == 3)
        #expect(parsed.value("cello_http_request_duration_seconds_bucket", byRoute.merging(["le": "+Inf"]) { a, _ in a }) == 3)
        #expect(parsed.value("cello_http_requests_in_flight") == 0)
        // The SDK's own counters share the registry.
        #expect(parsed.types.keys.contains { !$0.hasPrefix("cello_http_") })
    }

    @Test("the text parser used here refuses what is not the exposition format")
    func parserIsStrict() {
        #expect(throws: PrometheusText.ParseError.self) { try PrometheusText("x_total 1\n") }
        #expect(throws: PrometheusText.ParseError.self) { try PrometheusText("# TYPE x counter\nx{a=\"1} 2\n") }
        #expect(throws: PrometheusText.ParseError.self) { try PrometheusText("# TYPE x counter\nx{a=\"1\"}\n") }
        #expect(throws: PrometheusText.ParseError.self) { try PrometheusText("# TYPE 9x counter\n") }
        #expect(
            (try? PrometheusText("# TYPE x counter\nx{a=\"q\\\"\\n\"} 2 1700000000\n"))?.value("x", ["a": "q\"\n"]) == 2
        )
    }
}
