import CelloHTTP
import CelloTelemetry
import CelloTelemetryTesting
import Foundation
import Testing
import Tracing

@Suite("DemoService routes")
struct DemoServiceTests {
    static func app(_ name: String, downstreams: [String] = [], exporter: InMemorySpanExporter) throws -> App {
        var flags = DemoServiceFlags()
        flags.name = name
        flags.downstreams = downstreams
        return try DemoService.makeApp(settings: try DemoServiceSettings(flags: flags, environment: [:]), exporter: exporter)
    }

    @Test("GET /work/{n} opens n work.step children of the server span")
    func work() async throws {
        let exporter = InMemorySpanExporter()
        try await Self.app("W", exporter: exporter).withRunning { address async throws in
            #expect(try await TestHTTP.send(address.baseURL + "/work/4").status == 200)
            #expect(try await TestHTTP.send(address.baseURL + "/work/1001").status == 400)
        }
        let server = try #require(exporter.finishedSpans.first { $0.name == "GET /work/{n}" && $0.attributes.get("http.status_code") == .int64(200) })
        let steps = exporter.finishedSpans.filter { $0.name == "work.step" }
        #expect(steps.count == 4)
        #expect(steps.allSatisfy { $0.context.parentSpanID == server.context.spanID && $0.kind == .internal })
        let indexes = steps.compactMap { span -> Int64? in
            if case .int64(let index) = span.attributes.get("work.index") { index } else { nil }
        }
        #expect(indexes.sorted() == [0, 1, 2, 3])
    }

    @Test("POST /orders calls GET /users/1 downstream and answers 201")
    func orders() async throws {
        let exporterB = InMemorySpanExporter()
        let exporterA = InMemorySpanExporter()
        let answer = try await Self.app("B", exporter: exporterB).withRunning { b in
            try await Self.app("A", downstreams: [b.baseURL], exporter: exporterA).withRunning { a in
                try await TestHTTP.send(a.baseURL + "/orders", method: "POST")
            }
        }
        #expect(answer.status == 201)
        let downstream = try #require(try answer.json()["downstream"] as? [[String: Any]])
        #expect(downstream.first?["route"] as? String == "/users/{id}")
        #expect(exporterB.finishedSpans.map(\.name) == ["GET /users/{id}"])
        #expect(Set(exporterA.finishedSpans.map(\.name)) == ["POST /orders", "GET"])
        #expect(exporterA.finishedSpans.first { $0.kind == .client }?.name == "GET")
    }

    @Test("a failing downstream answers 502 and marks the spans as errors")
    func downstreamDown() async throws {
        let exporter = InMemorySpanExporter()
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        let answer = try await Self.app("A", downstreams: ["http://127.0.0.1:1"], exporter: exporter).withRunning { a in
            try await TestHTTP.send(a.baseURL + "/api/users/1")
        }
        #expect(answer.status == 502)
        let client = try #require(exporter.finishedSpans.first { $0.kind == .client })
        #expect(client.status?.code == .error)
        #expect(client.events.map(\.name) == ["exception"])
        #expect(exporter.finishedSpans.first { $0.kind == .server }?.status?.code == .error)
    }

    @Test("GET /status/{code} answers that code and GET /slow/{ms} waits at least that long")
    func statusAndSlow() async throws {
        try await Self.app("S", exporter: InMemorySpanExporter()).withRunning { address async throws in
            #expect(try await TestHTTP.send(address.baseURL + "/status/418").status == 418)
            #expect(try await TestHTTP.send(address.baseURL + "/status/99").status == 400)
            let start = ContinuousClock.now
            #expect(try await TestHTTP.send(address.baseURL + "/slow/120").status == 200)
            // Measured window: at least the requested sleep (no upper bound asserted on a shared CI machine).
            #expect(start.duration(to: .now) >= .milliseconds(120))
        }
    }

    @Test("POST /test (W3C harness) posts each arguments to its url with the current context propagated")
    func traceContextHarness() async throws {
        let calleeExporter = InMemorySpanExporter()
        let exporter = InMemorySpanExporter()
        try await Self.app("callee", exporter: calleeExporter).withRunning { callee async throws in
            try await Self.app("harness", exporter: exporter).withRunning { address async throws in
                // The callee is another demo service: its own /test gets an empty case list and answers 200.
                let cases = #"[{"url":"\#(callee.baseURL)/test","arguments":[]},{"url":"\#(callee.baseURL)/test","arguments":[]}]"#
                let headers = [
                    ("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), ("content-type", "application/json"),
                ]
                let answer = try await TestHTTP.send(address.baseURL + "/test", method: "POST", headers: headers, body: Array(cases.utf8))
                #expect(answer.status == 200)
                #expect(try await TestHTTP.send(address.baseURL + "/test", method: "POST", body: Array("{}".utf8)).status == 400)
            }
        }
        let calls = calleeExporter.finishedSpans
        #expect(calls.map(\.name) == ["POST /test", "POST /test"])
        #expect(calls.allSatisfy { $0.attributes.get("http.status_code") == .int64(200) })
        #expect(calls.allSatisfy { $0.context.traceID.hexString == "0af7651916cd43dd8448eb211c80319c" })
        let harnessServer = try #require(exporter.finishedSpans.first { $0.name == "POST /test" && $0.attributes.get("http.status_code") == .int64(200) })
        #expect(harnessServer.context.parentSpanID?.hexString == "b7ad6b7169203331")
        #expect(exporter.finishedSpans.filter { $0.kind == .client }.count == 2)
    }
}
