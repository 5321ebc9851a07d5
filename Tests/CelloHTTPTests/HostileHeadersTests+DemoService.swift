import CelloHTTP
import CelloTelemetry
import HTTPTypes
import Testing

/// The real `demo-service` executable under hostile requests (started as DemoServiceProcessTests does).
extension HostileHeadersTests {
    /// Everything hostile at once, within Hummingbird's 80 KiB header limit: a 16 KiB traceparent, a repeated b3,
    /// a broken uber-trace-id, tracestate and uberctx with invalid UTF-8, 5000 baggage members.
    static var everythingHostile: [Field] {
        let tail = String(repeating: Self.marker, count: 16 * 1024 / Self.marker.count)
        return [
            Self.field("traceparent", "\(Self.traceparent)-\(tail)"),
            Self.field("b3", "\(Self.traceID)-\(Self.spanID)-1"),
            Self.field("b3", "\(Self.otherTraceID)-\(Self.otherSpanID)-1"),
            Self.field("uber-trace-id", "\(Self.marker):\(Self.spanID):0:1"),
            ("tracestate", Array("ok=1,\(Self.marker)=".utf8) + Self.invalidUTF8),
            ("uberctx-\(Self.marker)", Self.invalidUTF8),
            Self.field("baggage", ((0..<5000).map { "m\($0)=v" } + ["\(Self.marker)=1"]).joined(separator: ",")),
        ]
    }

    @Test("demo-service answers hostile requests without a 5xx, sends only valid headers downstream, and stays up")
    func demoServiceStaysUp() async throws {
        let binary = try #require(ChildProcess.demoServiceBinary(), "build the demo-service product first")
        let recorder = HeaderRecorder()
        try await recorder.makeApp(routes: ["/api/users/{id}"]).withRunning { downstream in
            let child = try ChildProcess(
                binary,
                arguments: [
                    "--name", "A", "--port", "0", "--downstream", downstream.baseURL, "--propagation", "w3c,b3,jaeger",
                    "--otlp-endpoint", "http://127.0.0.1:1", "--export-timeout-ms", "300",
                ],
                environment: DemoServiceProcessTests.environment
            )
            do {
                var lines = child.stdoutLines.makeAsyncIterator()
                let ready = try #require(await lines.next())
                let match = try #require(ready.wholeMatch(of: /ready http=127\.0\.0\.1:(\d+)/))
                let port = try #require(Int(match.1))
                func send(_ fields: [Field]) async throws -> RawHTTPClient.Answer {
                    let request = RawHTTPClient.request(
                        target: "/api/users/1",
                        host: "127.0.0.1:\(port)",
                        fields: fields
                    )
                    return try await RawHTTPClient.send(request, port: port)
                }

                let control = try await send([("traceparent", Array("00-\(Self.traceID)-".utf8) + [0x01, 0x7F])])
                #expect(
                    control.status.map { $0 == 200 || (400..<500).contains($0) } == true,
                    "\(control.status as Any)"
                )
                let hostile = try await send(Self.everythingHostile)
                #expect(!hostile.timedOut)
                #expect(hostile.status == 200)
                let normal = try await TestHTTP.send(
                    "http://127.0.0.1:\(port)/api/users/2",
                    headers: [("traceparent", Self.traceparent)]
                )
                #expect(normal.status == 200, "a normal request after the hostile ones")
            } catch {
                child.terminate()
                _ = await child.waitForExit()
                throw error
            }
            child.terminate()
            #expect(await child.waitForExit() == 0)
        }

        // The hostile call (and the control-character one, if the parser let it through) started new traces; the
        // normal one continued the sent trace. None of them carried anything hostile.
        let calls = recorder.received
        #expect((2...3).contains(calls.count))
        for fields in calls {
            let problems = InjectedHeaderRules.problems(in: fields, client: nil, marker: Self.marker)
            #expect(problems.isEmpty, "\(problems)")
        }
        let traceparents = calls.compactMap { $0[HTTPField.Name("traceparent")!] }
        #expect(traceparents.count == calls.count)
        #expect(traceparents.dropLast().allSatisfy { !$0.contains(Self.traceID) && !$0.contains(Self.otherTraceID) })
        #expect(traceparents.last?.hasPrefix("00-\(Self.traceID)-") == true)
    }
}
