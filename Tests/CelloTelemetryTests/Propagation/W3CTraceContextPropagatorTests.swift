import CelloTelemetry
import Testing

@Suite("W3C trace context propagation")
struct W3CTraceContextPropagatorTests {
    let propagator = W3CTraceContextPropagator()
    static let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let span = "00f067aa0ba902b7"

    @Test(
        "valid traceparent values are extracted",
        arguments: [
            ("00-\(trace)-\(span)-01", 0x01),
            ("00-\(trace)-\(span)-00", 0x00),
            ("00-\(trace)-\(span)-03", 0x03),
            ("00-\(trace)-\(span)-09", 0x01),  // unknown flag bits are ignored
            ("01-\(trace)-\(span)-01", 0x01),  // a higher version, exactly 55 characters
            ("cc-\(trace)-\(span)-01-what-the-future-will-be-like", 0x01),  // a higher version with more fields
        ])
    func valid(_ header: String, _ flags: Int) throws {
        let context = try #require(propagator.extract(["traceparent": header]).spanContext)
        #expect(context.traceID.hexString == Self.trace)
        #expect(context.spanID.hexString == Self.span)
        #expect(Int(context.traceFlags.rawValue) == flags)
        #expect(context.isRemote)
    }

    @Test(
        "malformed traceparent values start a new trace",
        arguments: [
            "",
            "ff-\(trace)-\(span)-01",  // version ff
            "00-\(trace)-\(span)-01-extra",  // version 00 with more fields
            "00-\(trace)-\(span)-01 ",  // version 00 longer than 55
            "01-\(trace)-\(span)-01x",  // higher version without "-" after 55 characters
            "0-\(trace)-\(span)-01",
            "0A-\(trace)-\(span)-01",  // upper-case version
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-\(span)-01",  // upper-case trace id
            "00-\(trace)-00F067AA0BA902B7-01",  // upper-case span id
            "00-\(trace)-\(span)-0A",  // upper-case flags
            "00-00000000000000000000000000000000-\(span)-01",  // all-zero trace id
            "00-\(trace)-0000000000000000-01",  // all-zero span id
            "00-4bf92f3577b34da6a3ce929d0e0e473-\(span)-01",  // short trace id
            "00-\(trace)-00f067aa0ba902b-01",  // short span id
            "00-\(trace)-\(span)0-1",  // misplaced separator
            "00-\(trace)-\(span)-",  // no flags
            "00-\(trace)-\(span)-0g",  // non-hex flags
            "00_\(trace)_\(span)_01",  // wrong separators
            "00-\(trace)-\(span)",  // missing field
            "00-\(trace)4-\(span)-01",  // long trace id
        ])
    func malformed(_ header: String) {
        #expect(propagator.extract(["traceparent": header, "tracestate": "a=1"]).spanContext == nil)
    }

    @Test("tracestate is kept with a valid traceparent and dropped when invalid")
    func traceState() throws {
        let header = "00-\(Self.trace)-\(Self.span)-01"
        let kept = try #require(propagator.extract(["traceparent": header, "tracestate": "rojo=1,congo=2"]).spanContext)
        #expect(kept.traceState.header == "rojo=1,congo=2")
        let dropped = try #require(propagator.extract(["traceparent": header, "tracestate": "ROJO=1"]).spanContext)
        #expect(dropped.traceState.isEmpty)
        let tooMany = (0..<33).map { "k\($0)=v" }.joined(separator: ",")
        let overflow = try #require(propagator.extract(["traceparent": header, "tracestate": tooMany]).spanContext)
        #expect(overflow.traceState.isEmpty)
    }

    @Test(
        "an invalid tracestate is dropped and the traceparent still honoured",
        arguments: ["@foo=1,bar=2", "foo=1,BAR=2", "foo=\u{7}", "k" + String(repeating: "a", count: 256) + "=1"])
    func invalidTraceState(_ state: String) throws {
        let header = "00-\(Self.trace)-\(Self.span)-01"
        let context = try #require(propagator.extract(["traceparent": header, "tracestate": state]).spanContext)
        #expect(context.traceID.hexString == Self.trace)
        #expect(context.traceState.isEmpty)
        #expect(propagator.inject(context)["tracestate"] == nil)
    }

    @Test("Level 2 keys with @ and a 256-character key are kept and injected again")
    func level2Keys() throws {
        let key256 = "k" + String(repeating: "a", count: 255)
        let state = "foo@=1,foo@@bar=2,foo@bar@baz=3,\(key256)=4"
        let context = try #require(propagator.extract([
            "traceparent": "00-\(Self.trace)-\(Self.span)-01", "tracestate": state,
        ]).spanContext)
        #expect(context.traceState.header == state)
        #expect(propagator.inject(context)["tracestate"] == state)
    }

    @Test("several tracestate fields are one list, joined in order")
    func combinedFields() throws {
        let context = try #require(propagator.extract(fields: [
            ("traceparent", "00-\(Self.trace)-\(Self.span)-00"), ("tracestate", "foo=1,bar=2"),
            ("TraceState", "rojo=1,congo=2"), ("tracestate", ""), ("tracestate", "baz=3"),
        ]).spanContext)
        #expect(context.traceState.header == "foo=1,bar=2,rojo=1,congo=2,baz=3")
    }

    @Test(
        "a duplicated key never costs the whole tracestate",
        arguments: [
            [("tracestate", "foo=1,foo=1")], [("tracestate", "foo=1,foo=2")],
            [("tracestate", "foo=1"), ("tracestate", "foo=2")],
            [("tracestate", "foo=1,bar=2"), ("tracestate", "foo=1")],
        ])
    func duplicateKeys(_ fields: [(String, String)]) throws {
        let context = try #require(propagator.extract(
            fields: [("traceparent", "00-\(Self.trace)-\(Self.span)-00")] + fields).spanContext)
        #expect(context.traceState["foo"] == "1")
        #expect(propagator.inject(context)["tracestate"] == fields.map(\.1).joined(separator: ","))
    }

    @Test("a tracestate over 512 characters is truncated, long members first, never dropped whole")
    func truncated() throws {
        let long = "big=" + String(repeating: "x", count: 200)
        let members = (0..<30).map { "k\($0)=" + String(repeating: "v", count: 12) }
        let context = try #require(propagator.extract([
            "traceparent": "00-\(Self.trace)-\(Self.span)-01", "tracestate": ([long] + members).joined(separator: ","),
        ]).spanContext)
        let header = try #require(propagator.inject(context)["tracestate"])
        #expect(header.utf8.count <= 512)
        #expect(!header.contains("big="))
        #expect(header.hasPrefix("k0="))
    }

    @Test("flag bits W3C does not define are never injected")
    func undefinedFlags() {
        var context = Fixtures.context(sampled: true)
        context.traceFlags = TraceFlags(rawValue: 0xFF)
        context.isDebug = true
        #expect(propagator.inject(context)["traceparent"] == "00-\(Self.trace)-\(Self.span)-03")
    }

    @Test("inject writes version 00 and tracestate when present")
    func inject() throws {
        let state = try #require(TraceState(header: "ot=th:8"))
        let headers = propagator.inject(Fixtures.context(sampled: true, traceState: state))
        #expect(headers["traceparent"] == "00-\(Self.trace)-\(Self.span)-01")
        #expect(headers["tracestate"] == "ot=th:8")
        let unsampled = propagator.inject(Fixtures.context(sampled: false))
        #expect(unsampled["traceparent"] == "00-\(Self.trace)-\(Self.span)-00")
        #expect(unsampled["tracestate"] == nil)
        #expect(propagator.inject(nil).isEmpty)
    }
}
