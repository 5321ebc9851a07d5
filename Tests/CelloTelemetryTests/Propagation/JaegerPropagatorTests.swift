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

    @Test(
        "flags bit 2 is debug, implies sampled and is written back",
        arguments: [("1", false, "01"), ("3", true, "03"), ("2", true, "03"), ("0", false, "00"), ("03", true, "03")])
    func debugFlag(_ flags: String, _ debug: Bool, _ written: String) throws {
        let header = "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:\(flags)"
        let context = try #require(propagator.extract(["uber-trace-id": header]).spanContext)
        #expect(context.isDebug == debug)
        if debug { #expect(context.isSampled) }
        #expect(propagator.inject(context)["uber-trace-id"] == String(header.dropLast(flags.count)) + written)
    }

    @Test("a 128-bit trace id is always written with 32 hex digits, leading zeros included")
    func fullTraceID() throws {
        let short = try #require(propagator.extract(["uber-trace-id": "a3ce929d0e0e4736:f067aa0ba902b7:0:1"]).spanContext)
        let written = propagator.inject(short)["uber-trace-id"]
        #expect(written == "0000000000000000a3ce929d0e0e4736:00f067aa0ba902b7:0:01")
        let high = SpanContext(traceID: TraceID(hi: 1, lo: 2), spanID: SpanID(value: 3), traceFlags: .sampled)
        #expect(propagator.inject(high)["uber-trace-id"] == "00000000000000010000000000000002:0000000000000003:0:01")
    }

    @Test("uberctx- headers are read from repeated header fields too, and only token keys become baggage")
    func baggageFromFields() throws {
        let baggage = try #require(propagator.extract(fields: [
            ("uber-trace-id", "1:2:0:1"), ("Uberctx-User", "alice"), ("uberctx-", "empty-key"), ("uberctx-t", "a"),
            ("uberctx-a b", "not a token"), ("uberctx-t", "b"),
        ]).baggage)
        #expect(baggage.entries.map(\.key) == ["user", "t"])
        #expect(baggage["t"] == "a,b")
    }

    @Test("received baggage with a raw value that is not printable ASCII or a key that is not a token is skipped")
    func hostileBaggage() throws {
        let baggage = try #require(propagator.extract(fields: [
            ("uberctx-ok", "1"), ("uberctx-bad", "a\u{FFFD}"), ("uberctx-tab", "a\tb"),
            ("jaeger-baggage", "j=1, k=\u{FFFD}, a b=2, t=x\ty"),
        ]).baggage)
        #expect(baggage.entries.map(\.key) == ["ok", "j"])
    }

    @Test("at most 64 baggage entries are read, however many members arrive")
    func thousandsOfMembers() throws {
        let members = (0..<5000).map { "k\($0)=v" }.joined(separator: ", ")
        let fromHeader = try #require(propagator.extract(["jaeger-baggage": members]).baggage)
        #expect(fromHeader.entries.count == Baggage.maxMembers)
        #expect(fromHeader.entries.last?.key == "k63")
        let fields = (0..<900).map { ("uberctx-k\($0)", "v") }
        #expect(try #require(propagator.extract(fields: fields).baggage).entries.count == Baggage.maxMembers)
    }

    @Test("injected uberctx- baggage stays within 64 entries and 8192 bytes, values percent-encoded")
    func baggageLimits() throws {
        var baggage = Baggage()
        for i in 0..<70 { baggage["k\(i)"] = "v" }
        #expect(propagator.inject(nil, baggage: baggage).count == 64)
        var large = Baggage()
        large["big"] = String(repeating: "x", count: 9000)
        large["ctl"] = "a\u{1}\u{FC}\r\n"
        let headers = propagator.inject(nil, baggage: large)
        #expect(headers["uberctx-big"] == nil)
        #expect(headers["uberctx-ctl"] == "a%01%C3%BC%0D%0A")
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
