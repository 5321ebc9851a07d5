import CelloTelemetry
import Testing

@Suite("B3 propagation")
struct B3PropagatorTests {
    let propagator = B3Propagator()
    static let trace = "80f198ee56343ba864fe8b2a57d3eff7"
    static let span = "e457b5a2e4d86bd1"
    static let parent = "05e3ac9a4f6e3b90"

    @Test(
        "single-header values from the B3 spec are extracted",
        arguments: [
            ("\(trace)-\(span)-1-\(parent)", trace, true, parent as String?),
            ("\(trace)-\(span)-1", trace, true, nil),
            ("\(trace)-\(span)-d", trace, true, nil),
            ("\(trace)-\(span)-0", trace, false, nil),
            ("\(trace)-\(span)", trace, false, nil),  // deferred
            ("64fe8b2a57d3eff7-\(span)-1", "000000000000000064fe8b2a57d3eff7", true, nil),  // 64-bit id padded
        ])
    func single(_ header: String, _ trace: String, _ sampled: Bool, _ parent: String?) throws {
        let context = try #require(propagator.extract(["b3": header]).spanContext)
        #expect(context.traceID.hexString == trace)
        #expect(context.spanID.hexString == Self.span)
        #expect(context.isSampled == sampled)
        #expect(context.parentSpanID?.hexString == parent)
        #expect(context.isRemote)
    }

    @Test(
        "malformed single headers are refused",
        arguments: [
            "0", "1", "d", "",
            "\(trace)-\(span)-2",
            "\(trace)-\(span)-1-\(parent)-x",
            "\(trace)-\(span)-1-05e3",
            "80F198EE56343BA864FE8B2A57D3EFF7-\(span)-1",
            "00000000000000000000000000000000-\(span)-1",
            "\(trace)-0000000000000000-1",
            "80f198ee56343ba864fe8b2a57d3eff-\(span)-1",
            "\(trace)-e457b5a2e4d86bd-1",
            "\(trace)",
        ])
    func malformedSingle(_ header: String) {
        #expect(propagator.extract(["b3": header]).spanContext == nil)
    }

    @Test("the multi-header set is extracted, with Flags 1 meaning debug and sampled")
    func multi() throws {
        let sampled = try #require(propagator.extract([
            "X-B3-TraceId": Self.trace, "X-B3-SpanId": Self.span, "X-B3-ParentSpanId": Self.parent,
            "X-B3-Sampled": "1",
        ]).spanContext)
        #expect(sampled.isSampled && sampled.parentSpanID?.hexString == Self.parent)
        let debug = try #require(propagator.extract([
            "x-b3-traceid": "64fe8b2a57d3eff7", "x-b3-spanid": Self.span, "x-b3-flags": "1",
        ]).spanContext)
        #expect(debug.isSampled && debug.traceID.hexString == "000000000000000064fe8b2a57d3eff7")
        let legacy = try #require(propagator.extract([
            "x-b3-traceid": Self.trace, "x-b3-spanid": Self.span, "x-b3-sampled": "true",
        ]).spanContext)
        #expect(legacy.isSampled)
    }

    @Test(
        "malformed multi-header sets are refused",
        arguments: [
            ["x-b3-traceid": trace],
            ["x-b3-traceid": trace, "x-b3-spanid": span, "x-b3-sampled": "yes"],
            ["x-b3-traceid": trace, "x-b3-spanid": span, "x-b3-parentspanid": "xyz"],
            ["x-b3-traceid": "abc", "x-b3-spanid": span],
        ])
    func malformedMulti(_ headers: [String: String]) {
        #expect(propagator.extract(headers).spanContext == nil)
    }

    @Test("the single header wins over the multi set")
    func singleFirst() throws {
        let context = try #require(propagator.extract([
            "b3": "\(Self.trace)-\(Self.span)-1", "x-b3-traceid": "64fe8b2a57d3eff7", "x-b3-spanid": Self.parent,
        ]).spanContext)
        #expect(context.traceID.hexString == Self.trace)
    }

    @Test("b3 {trace}-{span}-d is a sampled debug context, written again as d")
    func singleDebug() throws {
        let header = "\(Self.trace)-\(Self.span)-d-\(Self.parent)"
        let context = try #require(propagator.extract(["b3": header]).spanContext)
        #expect(context.isSampled && context.isDebug)
        #expect(propagator.inject(context) == ["b3": "\(Self.trace)-\(Self.span)-d"])
        let plain = try #require(propagator.extract(["b3": "\(Self.trace)-\(Self.span)-1"]).spanContext)
        #expect(!plain.isDebug)
    }

    @Test(
        "X-B3-Flags: 1 is debug and implies sampled, whatever X-B3-Sampled says",
        arguments: [nil, "0", "1"] as [String?])
    func multiDebug(_ sampled: String?) throws {
        var headers = ["x-b3-traceid": Self.trace, "x-b3-spanid": Self.span, "x-b3-flags": "1"]
        headers["x-b3-sampled"] = sampled
        let context = try #require(propagator.extract(headers).spanContext)
        #expect(context.isSampled && context.isDebug)
    }

    @Test("a debug context injects x-b3-flags: 1 and no x-b3-sampled in the multi set")
    func multiDebugInject() throws {
        let multi = B3Propagator(singleHeader: false)
        let context = try #require(multi.extract([
            "x-b3-traceid": Self.trace, "x-b3-spanid": Self.span, "x-b3-flags": "1",
        ]).spanContext)
        #expect(multi.inject(context) == ["x-b3-traceid": Self.trace, "x-b3-spanid": Self.span, "x-b3-flags": "1"])
        #expect(propagator.inject(context)["b3"] == "\(Self.trace)-\(Self.span)-d")
    }

    @Test("a 64-bit trace id read from b3 is written back as 32 hex digits")
    func paddedOnInject() throws {
        let context = try #require(propagator.extract(["b3": "64fe8b2a57d3eff7-\(Self.span)-1"]).spanContext)
        #expect(propagator.inject(context)["b3"] == "000000000000000064fe8b2a57d3eff7-\(Self.span)-1")
    }

    @Test("inject writes the single header, or the multi set for b3multi")
    func inject() {
        let context = Fixtures.context(sampled: true)
        #expect(propagator.inject(context) == ["b3": "\(Fixtures.traceID)-\(Fixtures.spanID)-1"])
        let multi = B3Propagator(singleHeader: false).inject(Fixtures.context(sampled: false))
        #expect(multi == [
            "x-b3-traceid": Fixtures.traceID.hexString, "x-b3-spanid": Fixtures.spanID.hexString, "x-b3-sampled": "0",
        ])
    }
}
