import CelloTelemetry
import Testing

@Suite("Jaeger propagation")
struct JaegerPropagatorTests {
    let propagator = JaegerPropagator()

    @Test(
        "uber-trace-id values are extracted, leading zeros optional",
        arguments: [
            ("4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1", "4bf92f3577b34da6a3ce929d0e0e4736",
             "00f067aa0ba902b7", true),
            ("a3ce929d0e0e4736:f067aa0ba902b7:0:1", "0000000000000000a3ce929d0e0e4736", "00f067aa0ba902b7", true),
            ("1:2:0:0", "00000000000000000000000000000001", "0000000000000002", false),
            ("abc:2:1:3", "00000000000000000000000000000abc", "0000000000000002", true),  // sampled + debug
            ("abc:2:0:2", "00000000000000000000000000000abc", "0000000000000002", true),  // debug implies sampled
            ("ABC:2:0:01", "00000000000000000000000000000abc", "0000000000000002", true),
            ("4bf92f3577b34da6a3ce929d0e0e4736%3A00f067aa0ba902b7%3A0%3A1", "4bf92f3577b34da6a3ce929d0e0e4736",
             "00f067aa0ba902b7", true),
        ])
    func valid(_ header: String, _ trace: String, _ span: String, _ sampled: Bool) throws {
        let context = try #require(propagator.extract(["uber-trace-id": header]).spanContext)
        #expect(context.traceID.hexString == trace)
        #expect(context.spanID.hexString == span)
        #expect(context.isSampled == sampled)
    }

    @Test(
        "malformed uber-trace-id values are refused",
        arguments: [
            "", "1:2:0", "1:2:0:1:5", "0:2:0:1", "1:0:0:1", "xyz:2:0:1", "::0:1", "1:2::1", "1:2:0:",
            "1:2:0:100", "14bf92f3577b34da6a3ce929d0e0e4736:2:0:1", "1:100f067aa0ba902b7:0:1", "1:2:0:1%zz",
        ])
    func malformed(_ header: String) {
        #expect(propagator.extract(["uber-trace-id": header]).spanContext == nil)
    }

    @Test("uberctx- headers become baggage when the extractor lists keys; jaeger-baggage always")
    func baggage() throws {
        let headers = ["Uberctx-User-Id": "alice%20b", "uberctx-tenant": "t1", "jaeger-baggage": "k1=v1, k2=v2"]
        let listed = try #require(propagator.extract(headers).baggage)
        #expect(listed["user-id"] == "alice b")
        #expect(listed["tenant"] == "t1")
        #expect(listed["k2"] == "v2")
        let plain = try #require(propagator.extract(headers, using: PlainHeaderExtractor()).baggage)
        #expect(plain["tenant"] == nil && plain["k1"] == "v1")
    }

    @Test("inject writes uber-trace-id with two-digit flags and uberctx- baggage")
    func inject() {
        var baggage = Baggage()
        baggage["user"] = "a b"
        let headers = propagator.inject(Fixtures.context(sampled: true), baggage: baggage)
        #expect(headers["uber-trace-id"] == "\(Fixtures.traceID):\(Fixtures.spanID):0:01")
        #expect(headers["uberctx-user"] == "a%20b")
        #expect(propagator.inject(Fixtures.context(sampled: false))["uber-trace-id"]?.hasSuffix(":00") == true)
    }
}
