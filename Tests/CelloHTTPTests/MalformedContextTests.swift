import CelloHTTP
import CelloTelemetry
import CelloTelemetryTesting
import Testing

@Suite("Malformed incoming context")
struct MalformedContextTests {
    static let cases: [[(String, String)]] = [
        [("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331")],
        [("traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01")],
        [("traceparent", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")],
        [("traceparent", "zz-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")],
        [("traceparent", "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")],
        [("traceparent", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")],
        [("traceparent", String(repeating: "0af7-", count: 200))],
        [("b3", "not-a-b3-header")],
        [("b3", "0af7651916cd43dd8448eb211c80319c-0000000000000000-1")],
        [("b3", "0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-x")],
        [("x-b3-traceid", "xyz"), ("x-b3-spanid", "123")],
        [("uber-trace-id", "nonsense")],
        [("uber-trace-id", "0:0:0:1")],
        [("uber-trace-id", "0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331")],
        [("uber-trace-id", "0af7651916cd43dd8448eb211c80319cff:b7ad6b7169203331:0:1")],
    ]

    @Test("a malformed traceparent, b3 or uber-trace-id starts a new trace and never fails the request", arguments: cases)
    func startsNewTrace(_ headers: [(String, String)]) async throws {
        let exporter = InMemorySpanExporter()
        let app = App(host: "127.0.0.1", port: 0)
        try app.enableTelemetry(
            OpenTelemetryConfig(serviceName: "svc", propagation: [.w3c, .b3, .jaeger]),
            environment: [:],
            exporter: exporter
        )
        app.get("/users/{id}") { request in ["id": request.params["id"] ?? ""] }
        try await app.withRunning { address in
            let answer = try await TestHTTP.send(address.baseURL + "/users/1", headers: headers)
            #expect(answer.status == 200)
        }
        let span = try #require(exporter.finishedSpans.first)
        #expect(exporter.finishedSpans.count == 1)
        #expect(span.context.parentSpanID == nil)
        #expect(span.context.traceID.isValid)
        #expect(span.context.traceID.hexString != "0af7651916cd43dd8448eb211c80319c")
    }
}
