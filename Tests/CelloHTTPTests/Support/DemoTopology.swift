import CelloHTTP
import CelloTelemetry
import CelloTelemetryTesting
import Tracing

/// Three demo-service instances A -> B -> C in this process, each with its own SDK and in-memory exporter,
/// on 127.0.0.1 port 0. Every instance has shut down (and flushed) when `chain` returns.
enum DemoTopology {
    struct Outcome: Sendable {
        var answer: TestHTTP.Answer
        /// Exported spans by service name.
        var spans: [String: [FinishedSpan]]
        var ports: [String: Int]
    }

    static func chain(
        _ configure: @escaping @Sendable (inout DemoServiceFlags) -> Void,
        request: (_ baseURL: String) async throws -> TestHTTP.Answer
    ) async throws -> Outcome {
        let exporters = ["A": InMemorySpanExporter(), "B": InMemorySpanExporter(), "C": InMemorySpanExporter()]
        func app(_ name: String, downstream: ListeningAddress?) throws -> App {
            var flags = DemoServiceFlags()
            flags.name = name
            flags.downstreams = downstream.map { [$0.baseURL] } ?? []
            configure(&flags)
            let settings = try DemoServiceSettings(flags: flags, environment: [:])
            return try DemoService.makeApp(settings: settings, exporter: exporters[name]!)
        }
        let (answer, ports) = try await app("C", downstream: nil).withRunning { c in
            try await app("B", downstream: c).withRunning { b in
                try await app("A", downstream: b).withRunning { a in
                    (try await request(a.baseURL), ["A": a.port, "B": b.port, "C": c.port])
                }
            }
        }
        return Outcome(answer: answer, spans: exporters.mapValues(\.finishedSpans), ports: ports)
    }
}

/// Span attributes as a dictionary, for exact comparisons.
func attributeTable(_ span: FinishedSpan) -> [String: SpanAttribute] {
    var table: [String: SpanAttribute] = [:]
    span.attributes.forEach { table[$0] = $1 }
    return table
}
