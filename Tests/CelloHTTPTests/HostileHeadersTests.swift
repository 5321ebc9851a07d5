import CelloHTTP
import CelloTelemetry
import HTTPTypes
import Testing
import Tracing

/// Headers from the network are hostile (docs/cello-telemetry.md sections 2 and 3): whatever arrives, the App
/// answers, starts a new trace when the context is invalid, and sends downstream only headers it validated.
/// Every request goes over a real socket byte by byte (``RawHTTPClient``), so nothing is cleaned up on the way in.
@Suite("Hostile headers")
struct HostileHeadersTests {
    typealias Field = (name: String, value: [UInt8])

    /// Appears only in invalid parts of a request: it must never reach the downstream or a span.
    static let marker = "hostilemarker"
    static let traceID = "0af7651916cd43dd8448eb211c80319c"
    static let spanID = "b7ad6b7169203331"
    static let otherTraceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let otherSpanID = "00f067aa0ba902b7"
    static let traceparent = "00-\(traceID)-\(spanID)-01"
    /// Not UTF-8: a lone 0xFF, 0xFE, a broken two-byte sequence and an encoded surrogate.
    static let invalidUTF8: [UInt8] = [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80]

    static func field(_ name: String, _ value: String) -> Field { (name, Array(value.utf8)) }

    // MARK: Size

    @Test("a 16 KiB traceparent is answered, starts a new trace, and none of it travels on")
    func hugeTraceparent() async throws {
        let tail = String(repeating: Self.marker, count: 16 * 1024 / Self.marker.count)
        let outcome = try await Self.call([Self.field("traceparent", "\(Self.traceparent)-\(tail)")])
        try Self.expectRelayed(outcome, parent: .newTrace)
    }

    @Test(
        "a 16 KiB traceparent of a future version continues the trace from its first 55 characters; the rest never travels on"
    )
    func hugeFutureVersion() async throws {
        let tail = String(repeating: Self.marker, count: 16 * 1024 / Self.marker.count)
        let outcome = try await Self.call([Self.field("traceparent", "cc-\(Self.traceID)-\(Self.spanID)-01-\(tail)")])
        try Self.expectRelayed(outcome, parent: .sent)
    }

    @Test(
        "5000 baggage members are answered: a W3C header over 8192 bytes is dropped whole, Jaeger baggage is read up to 64 entries",
        arguments: ["baggage", "jaeger-baggage", "uberctx-*"]
    )
    func thousandsOfBaggageMembers(_ format: String) async throws {
        let members = (0..<5000).map { "m\($0)=v" } + ["\(Self.marker)=1"]
        var fields = [Self.field("traceparent", Self.traceparent)]
        switch format {
        case "baggage": fields.append(Self.field("baggage", members.joined(separator: ",")))
        case "jaeger-baggage": fields.append(Self.field("jaeger-baggage", members.joined(separator: ", ")))
        // Hummingbird's parser takes at most 1000 fields a request; 900 stay under it.
        default:
            fields += (0..<900).map { Self.field("uberctx-m\($0)", "v") } + [Self.field("uberctx-\(Self.marker)", "1")]
        }
        let outcome = try await Self.call(fields)
        let sent = try Self.expectRelayed(outcome, parent: .sent)
        let jaeger = sent.filter { $0.name.canonicalName.hasPrefix("uberctx-") }
        let baggage = sent[HTTPField.Name("baggage")!]
        if format == "baggage" {
            #expect(baggage == nil && jaeger.isEmpty)
        } else {
            let first64 = (0..<64).map { "m\($0)=v" }
            #expect(baggage?.split(separator: ",").map(String.init) == first64)
            #expect(jaeger.map { "\($0.name.canonicalName.dropFirst("uberctx-".count))=\($0.value)" } == first64)
        }
    }

    @Test(
        "a 40-member tracestate is dropped whole (a list has at most 32 members); the traceparent still continues the trace"
    )
    func fortyMemberTraceState() async throws {
        let members = (0..<39).map { "m\($0)=\($0)" } + ["\(Self.marker)=1"]
        let outcome = try await Self.call([
            Self.field("traceparent", Self.traceparent), Self.field("tracestate", members.joined(separator: ",")),
        ])
        let sent = try Self.expectRelayed(outcome, parent: .sent)
        #expect(sent[HTTPField.Name("tracestate")!] == nil)
        #expect(outcome.server?.context.traceState.isEmpty == true)
    }

    // MARK: Bytes

    @Test(
        "a control character inside traceparent, tracestate or baggage is refused by the parser or dropped by the SDK: never a 5xx, never sent on",
        arguments: ["traceparent", "tracestate", "baggage"],
        [UInt8(0x01), 0x09, 0x7F]
    )
    func controlCharacter(_ header: String, _ character: UInt8) async throws {
        let bad = Array("bad".utf8) + [character] + Array("value".utf8)
        let fields: [Field]
        switch header {
        case "traceparent":
            let value = Array("00-\(Self.traceID)-b7ad6b71".utf8) + [character] + Array("69203331-01".utf8)
            // A valid tracestate next to an invalid traceparent must not be read (W3C: no traceparent, no tracestate).
            fields = [("traceparent", value), Self.field("tracestate", "\(Self.marker)=1")]
        default:
            fields = [Self.field("traceparent", Self.traceparent), (header, Array("ok=1,\(Self.marker)=".utf8) + bad)]
        }
        let outcome = try await Self.call(fields)
        // Tab is a legal field-value byte (RFC 9110), so only the SDK can refuse it; U+0001 and DEL may stop at
        // Hummingbird's parser with a 400.
        if character != 0x09, Self.wasRefusedByParser(outcome) { return }
        let sent = try Self.expectRelayed(outcome, parent: header == "traceparent" ? .newTrace : .sent)
        Self.expectOnlyValidMemberSent(sent, header: header)
    }

    @Test(
        "invalid UTF-8 in tracestate or baggage (W3C, jaeger-baggage, uberctx-*) drops that list or member; valid members still travel",
        arguments: ["tracestate", "baggage", "jaeger-baggage", "uberctx-*"]
    )
    func invalidUTF8(_ header: String) async throws {
        var fields = [Self.field("traceparent", Self.traceparent)]
        let bad = Array("bad".utf8) + Self.invalidUTF8
        switch header {
        case "uberctx-*": fields += [Self.field("uberctx-ok", "1"), ("uberctx-\(Self.marker)", bad)]
        case "jaeger-baggage": fields.append(("jaeger-baggage", Array("ok=1, \(Self.marker)=".utf8) + bad))
        default: fields.append((header, Array("ok=1,\(Self.marker)=".utf8) + bad))
        }
        let outcome = try await Self.call(fields)
        let sent = try Self.expectRelayed(outcome, parent: .sent)
        Self.expectOnlyValidMemberSent(sent, header: header)
    }

    // MARK: Repeated fields

    @Test(
        "two fields of one trace header with different valid values are invalid together (W3C test_traceparent_duplicated): a new trace starts and neither trace id travels on",
        arguments: ["traceparent", "b3", "uber-trace-id"]
    )
    func duplicateTraceHeader(_ header: String) async throws {
        let values: [String]
        switch header {
        case "traceparent":
            values = [Self.traceparent, "00-\(Self.otherTraceID)-\(Self.otherSpanID)-01"]
        case "b3":
            values = ["\(Self.traceID)-\(Self.spanID)-1", "\(Self.otherTraceID)-\(Self.otherSpanID)-1"]
        default:
            values = ["\(Self.traceID):\(Self.spanID):0:1", "\(Self.otherTraceID):\(Self.otherSpanID):0:1"]
        }
        let outcome = try await Self.call(
            values.map { Self.field(header, $0) } + [Self.field("tracestate", "\(Self.marker)=1")]
        )
        let sent = try Self.expectRelayed(outcome, parent: .newTrace)
        #expect(outcome.server?.context.traceID.hexString != Self.otherTraceID)
        for field in sent {
            #expect(!field.value.contains(Self.traceID) && !field.value.contains(Self.otherTraceID), "\(field)")
        }
    }

    @Test("several tracestate fields are one list, joined in order")
    func duplicateTraceState() async throws {
        let outcome = try await Self.call([
            Self.field("traceparent", Self.traceparent), Self.field("tracestate", "a=1"),
            Self.field("tracestate", "b=2,c=3"),
        ])
        let sent = try Self.expectRelayed(outcome, parent: .sent)
        #expect(outcome.server?.context.traceState.header == "a=1,b=2,c=3")
        #expect(sent[HTTPField.Name("tracestate")!] == "a=1,b=2,c=3")
    }

    // MARK: URLs

    @Test(
        "http.url, url.path and url.full carry the path only: never the query string or userinfo",
        arguments: ["origin-form", "absolute-form with userinfo"]
    )
    func pathOnly(_ form: String) async throws {
        let outcome = try await RelayTopology.send { address in
            let target =
                form == "origin-form"
                ? "/secret?secret=hostilequery#fragment"
                : "http://hostileuser:hostilepw@\(address)/secret?secret=hostilequery"
            return RawHTTPClient.request(target: target, host: "\(address)", fields: [])
        }
        try Self.expectRelayed(outcome, parent: .newTrace)
        let server = try #require(outcome.server)
        let client = try #require(outcome.client)
        #expect(server.attributes.get("http.url") == .string("/secret"))
        #expect(server.attributes.get("url.path") == .string("/secret"))
        #expect(client.attributes.get("url.full") == .string("http://127.0.0.1:\(outcome.downstreamPort)/x"))
        Self.expectNoEcho(
            in: outcome.spans,
            of: ["hostilequery", "hostileuser", "hostilepw", "fragment", "?", "#", "@"]
        )
    }
}
