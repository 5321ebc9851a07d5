import CelloHTTP
import CelloTelemetry
import CelloTelemetryTesting
import HTTPTypes
import Tracing

/// An App with telemetry (in-memory exporter, propagation w3c + b3 + jaeger, no OTEL_* environment) whose routes
/// call a ``HeaderRecorder`` downstream through `request.client`; the request is sent byte by byte with
/// ``RawHTTPClient``. Both Apps have shut down (and the exporter is flushed) when `send` returns.
///
/// - `GET /call`: calls `http://127.0.0.1:{downstream}/x`.
/// - `GET /secret`: calls `http://hostileuser:hostilepw@127.0.0.1:{downstream}/x?secret=hostilequery#fragment`.
enum RelayTopology {
    struct Outcome: Sendable {
        var answer: RawHTTPClient.Answer
        var spans: [FinishedSpan]
        /// The header fields of every call that reached the downstream.
        var downstream: [HTTPFields]
        var downstreamPort: Int

        var server: FinishedSpan? { self.spans.first { $0.kind == .server } }
        var client: FinishedSpan? { self.spans.first { $0.kind == .client } }
    }

    static func send(_ request: (ListeningAddress) -> [UInt8]) async throws -> Outcome {
        let recorder = HeaderRecorder()
        let exporter = InMemorySpanExporter()
        let (answer, downstreamPort) = try await recorder.makeApp(routes: ["/x"]).withRunning { downstream in
            let port = downstream.port
            let app = App(host: "127.0.0.1", port: 0)
            try app.enableTelemetry(
                OpenTelemetryConfig(serviceName: "svc", propagation: [.w3c, .b3, .jaeger]),
                environment: [:],
                exporter: exporter
            )
            app.get("/call") { request in
                CelloResponse(status: try await request.client.get("http://127.0.0.1:\(port)/x").status)
            }
            app.get("/secret") { request in
                let url = "http://hostileuser:hostilepw@127.0.0.1:\(port)/x?secret=hostilequery#fragment"
                return CelloResponse(status: try await request.client.get(url).status)
            }
            let answer = try await app.withRunning { address in
                try await RawHTTPClient.send(request(address), port: address.port)
            }
            return (answer, port)
        }
        return Outcome(
            answer: answer,
            spans: exporter.finishedSpans,
            downstream: recorder.received,
            downstreamPort: downstreamPort
        )
    }
}
