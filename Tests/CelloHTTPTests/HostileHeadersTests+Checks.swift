import CelloTelemetry
import HTTPTypes
import Testing
import Tracing

/// The checks every hostile-header case shares.
extension HostileHeadersTests {
    /// Which trace the server span joined.
    enum Parent {
        /// A new root: no parent, a fresh trace id.
        case newTrace
        /// The sent context: trace ``traceID``, parent ``spanID``.
        case sent
    }

    /// `GET /call` on a ``RelayTopology`` with `fields`.
    static func call(_ fields: [Field]) async throws -> RelayTopology.Outcome {
        try await RelayTopology.send { address in
            RawHTTPClient.request(target: "/call", host: "\(address)", fields: fields)
        }
    }

    /// True when Hummingbird's HTTP parser refused the bytes with a 4xx before any route ran (then nothing was
    /// traced or called); records a failure for a 5xx, no answer or a hang.
    static func wasRefusedByParser(
        _ outcome: RelayTopology.Outcome,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        #expect(!outcome.answer.timedOut, "no answer within the deadline", sourceLocation: sourceLocation)
        guard let status = outcome.answer.status, (400..<500).contains(status) else { return false }
        #expect(outcome.spans.isEmpty, "a refused request has no span", sourceLocation: sourceLocation)
        #expect(outcome.downstream.isEmpty, "a refused request calls nobody", sourceLocation: sourceLocation)
        return true
    }

    /// The request was answered 200 through the downstream call; the server span joined `parent`; the one call
    /// downstream carried only valid propagation headers naming the client span; nothing of ``marker`` reached
    /// the downstream or a span. Returns the fields the downstream received.
    @discardableResult
    static func expectRelayed(
        _ outcome: RelayTopology.Outcome,
        parent: Parent,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> HTTPFields {
        #expect(!outcome.answer.timedOut, "no answer within the deadline", sourceLocation: sourceLocation)
        let status = outcome.answer.status.map(String.init) ?? "nothing (connection closed)"
        try #require(outcome.answer.status == 200, "answered \(status)", sourceLocation: sourceLocation)
        let server = try #require(outcome.server, sourceLocation: sourceLocation)
        let client = try #require(outcome.client, sourceLocation: sourceLocation)
        #expect(outcome.spans.count == 2, sourceLocation: sourceLocation)
        #expect(client.context.traceID == server.context.traceID, sourceLocation: sourceLocation)
        #expect(client.context.parentSpanID == server.context.spanID, sourceLocation: sourceLocation)
        switch parent {
        case .newTrace:
            #expect(server.context.parentSpanID == nil, sourceLocation: sourceLocation)
            #expect(server.context.traceID.isValid, sourceLocation: sourceLocation)
            #expect(server.context.traceID.hexString != Self.traceID, sourceLocation: sourceLocation)
        case .sent:
            #expect(server.context.traceID.hexString == Self.traceID, sourceLocation: sourceLocation)
            #expect(server.context.parentSpanID?.hexString == Self.spanID, sourceLocation: sourceLocation)
        }
        try #require(outcome.downstream.count == 1, sourceLocation: sourceLocation)
        let fields = outcome.downstream[0]
        let problems = InjectedHeaderRules.problems(in: fields, client: client, marker: Self.marker)
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
        Self.expectNoEcho(in: outcome.spans, of: [Self.marker], sourceLocation: sourceLocation)
        return fields
    }

    /// After `header` arrived as `ok=1,hostilemarker=<bad>`: the list went whole (trace headers) or only `ok=1`
    /// travelled on (baggage, in both the W3C and the Jaeger form).
    static func expectOnlyValidMemberSent(
        _ sent: HTTPFields,
        header: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        switch header {
        case "traceparent", "tracestate":
            #expect(sent[HTTPField.Name("tracestate")!] == nil, sourceLocation: sourceLocation)
        default:
            #expect(sent[HTTPField.Name("baggage")!] == "ok=1", sourceLocation: sourceLocation)
            let jaeger = sent.filter { $0.name.canonicalName.hasPrefix("uberctx-") }.map(\.description)
            #expect(jaeger == ["uberctx-ok: 1"], sourceLocation: sourceLocation)
        }
    }

    /// No span name, attribute, event attribute or tracestate contains any of `secrets`.
    static func expectNoEcho(
        in spans: [FinishedSpan],
        of secrets: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for span in spans {
            var texts = [("name", span.name), ("tracestate", span.context.traceState.header)]
            span.attributes.forEach { name, value in texts.append((name, "\(value)")) }
            for event in span.events {
                event.attributes.forEach { name, value in texts.append(("\(event.name).\(name)", "\(value)")) }
            }
            for (name, text) in texts {
                for secret in secrets where text.lowercased().contains(secret) {
                    Issue.record(
                        "\(span.name): \(name) = \(text.prefix(200)) contains \(secret)",
                        sourceLocation: sourceLocation
                    )
                }
            }
        }
    }
}
