import CelloTelemetry
import Testing

@Suite("Composite propagation")
struct CompositePropagatorTests {
    let all = CompositePropagator([.w3c, .b3, .jaeger])

    @Test("inject writes every format")
    func injectAll() {
        var baggage = Baggage()
        baggage["k"] = "v"
        let headers = all.inject(Fixtures.context(sampled: true), baggage: baggage)
        #expect(headers["traceparent"] != nil)
        #expect(headers["b3"] != nil)
        #expect(headers["uber-trace-id"] != nil)
        #expect(headers["baggage"] == "k=v")
        #expect(headers["uberctx-k"] == "v")
    }

    @Test("extract takes the first format that holds a valid context")
    func firstValid() throws {
        let b3Only = try #require(all.extract([
            "traceparent": "00-bad", "b3": "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
            "uber-trace-id": "1:2:0:1",
        ]).spanContext)
        #expect(b3Only.traceID.hexString == "80f198ee56343ba864fe8b2a57d3eff7")
        let w3cFirst = try #require(all.extract([
            "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "uber-trace-id": "1:2:0:1",
        ]).spanContext)
        #expect(w3cFirst.traceID == Fixtures.traceID)
        let jaegerFirst = try #require(CompositePropagator([.jaeger, .w3c]).extract([
            "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "uber-trace-id": "1:2:0:1",
        ]).spanContext)
        #expect(jaegerFirst.traceID.lo == 1)
    }

    @Test("baggage from every format is merged, earlier formats winning")
    func mergedBaggage() throws {
        let baggage = try #require(all.extract(["baggage": "a=1,b=2", "uberctx-b": "9", "uberctx-c": "3"]).baggage)
        #expect(baggage["a"] == "1" && baggage["b"] == "2" && baggage["c"] == "3")
    }

    static let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let span = "00f067aa0ba902b7"

    @Test(
        "an invalid context in any format starts a new trace",
        arguments: [
            ["traceparent": "00-\(trace)-\(span)-01\u{0}"],
            ["traceparent": "00-\(trace)-\(span)-0\u{FC}"],
            ["traceparent": "00-\(trace)-\(span)-01" + String(repeating: "0", count: 10_000)],
            ["b3": "\(trace)-\(span)-1\u{0}"],
            ["b3": "\(trace)\u{FC}-\(span)-1"],
            ["b3": "\(trace)-\(span)-D"],
            ["x-b3-traceid": trace, "x-b3-spanid": span + "\u{0}"],
            ["uber-trace-id": "\(trace):\(span):0:1\u{0}"],
            ["uber-trace-id": "\(trace)%00:\(span):0:1"],
            ["uber-trace-id": "\(trace):\(span):0:" + String(repeating: "1", count: 1000)],
        ])
    func invalidStartsNewTrace(_ headers: [String: String]) {
        #expect(all.extract(headers).spanContext == nil)
    }

    @Test(
        "injected headers are printable ASCII within their limits whatever was received",
        arguments: [
            ["tracestate": "a=1\u{7F}"],
            ["tracestate": "a=\u{1F600}"],
            ["tracestate": (0..<40).map { "k\($0)=" + String(repeating: "v", count: 200) }.joined(separator: ",")],
            ["tracestate": "a=" + String(repeating: "v", count: 10_000)],
            ["baggage": "k=\u{FC}"],
            ["baggage": "k=v;\u{1}"],
            ["baggage": "k=%01%C3%BC", "uberctx-u": "%0D%0A"],
            ["baggage": "k=" + String(repeating: "v", count: 9000)],
            ["uberctx-u": "%00%FF", "jaeger-baggage": "j=\u{1}\u{FC}"],
        ])
    func injectedHeadersAreValid(_ received: [String: String]) throws {
        var headers = received
        headers["traceparent"] = "00-\(Self.trace)-\(Self.span)-01"
        let found = all.extract(headers)
        let context = try #require(found.spanContext)
        let sent = all.inject(context, baggage: found.baggage)
        #expect(sent["traceparent"]?.utf8.count == 55)
        #expect((sent["tracestate"]?.utf8.count ?? 0) <= TraceState.maxHeaderLength)
        #expect((sent["baggage"]?.utf8.count ?? 0) <= Baggage.maxHeaderBytes)
        for (name, value) in sent {
            #expect(value.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }, "\(name): \(value.debugDescription)")
            #expect(value.first != " " && value.last != " ", "\(name)")
        }
    }

    @Test("nothing valid means no context")
    func nothing() {
        #expect(all.extract(["traceparent": "garbage", "b3": "1"]).spanContext == nil)
    }
}
