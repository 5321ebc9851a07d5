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

    @Test("nothing valid means no context")
    func nothing() {
        #expect(all.extract(["traceparent": "garbage", "b3": "1"]).spanContext == nil)
    }
}
