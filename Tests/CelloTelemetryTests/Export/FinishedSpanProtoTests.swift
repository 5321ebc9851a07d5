import CelloOTLP
@testable import CelloTelemetry
import Foundation
import Testing
import Tracing

@Suite("FinishedSpan+Proto")
struct FinishedSpanProtoTests {
    typealias ProtoSpan = Opentelemetry_Proto_Trace_V1_Span

    @Test("maps every span kind", arguments: [
        (SpanKind.server, ProtoSpan.SpanKind.server), (.client, .client), (.producer, .producer),
        (.consumer, .consumer), (.internal, .internal),
    ])
    func kinds(kind: SpanKind, expected: ProtoSpan.SpanKind) {
        #expect(ProtoSpan.SpanKind(kind) == expected)
    }

    @Test("maps status unset, ok and error (message kept for errors only)")
    func statuses() {
        #expect(Opentelemetry_Proto_Trace_V1_Status(nil).code == .unset)
        let ok = Opentelemetry_Proto_Trace_V1_Status(SpanStatus(code: .ok, message: "ignored"))
        #expect(ok.code == .ok && ok.message.isEmpty)
        let error = Opentelemetry_Proto_Trace_V1_Status(SpanStatus(code: .error, message: "boom"))
        #expect(error.code == .error && error.message == "boom")
    }

    @Test("maps every attribute value type, arrays included")
    func attributeValues() throws {
        let span = ProtoSpan(SpanFixtures.span())
        let values = Dictionary(uniqueKeysWithValues: span.attributes.map { ($0.key, $0.value.value) })
        #expect(values["http.request.method"] == .stringValue("GET"))
        #expect(values["http.response.status_code"] == .intValue(200))
        #expect(values["retry.count"] == .intValue(3))
        #expect(values["http.request.duration_ms"] == .doubleValue(12.5))
        #expect(values["cache.hit"] == .boolValue(true))
        let tags = try #require(values["tags"] ?? nil)
        guard case .arrayValue(let array) = tags else { Issue.record("tags is not an array"); return }
        #expect(array.values.map(\.stringValue) == ["a", "b"])
        guard case .arrayValue(let ports)? = values["ports"] ?? nil else { Issue.record("ports"); return }
        #expect(ports.values.map(\.intValue) == [80, 443])
        guard case .arrayValue(let ratios)? = values["ratios"] ?? nil else { Issue.record("ratios"); return }
        #expect(ratios.values.map(\.doubleValue) == [0.5, 1.5])
        guard case .arrayValue(let flags)? = values["flags"] ?? nil else { Issue.record("flags"); return }
        #expect(flags.values.map(\.boolValue) == [true, false])
        guard case .arrayValue(let small)? = values["small"] ?? nil else { Issue.record("small"); return }
        #expect(small.values.map(\.intValue) == [1, 2])
        #expect(span.attributes.map(\.key) == span.attributes.map(\.key).sorted())
    }

    @Test("stringConvertible attributes become their description")
    func stringConvertible() {
        var attributes = SpanAttributes()
        attributes.set("url", value: .stringConvertible(URL(string: "http://x/y")!))
        attributes.set("list", value: .stringConvertibleArray([1, 2.5]))
        let keyValues = [Opentelemetry_Proto_Common_V1_KeyValue](attributes)
        #expect(keyValues.first { $0.key == "url" }?.value.stringValue == "http://x/y")
        #expect(keyValues.first { $0.key == "list" }?.value.arrayValue.values.map(\.stringValue) == ["1", "2.5"])
    }

    @Test("carries ids, parent, trace state, flags, times, events, links and status")
    func fields() throws {
        let finished = SpanFixtures.span()
        let span = ProtoSpan(finished)
        #expect(span.traceID == Data(finished.context.traceID.bytes))
        #expect(span.spanID == Data(finished.context.spanID.bytes))
        #expect(span.parentSpanID == Data(try #require(finished.context.parentSpanID).bytes))
        #expect(span.traceState == "ot=th:8")
        #expect(span.flags == 0x03)
        #expect(span.name == finished.name)
        #expect(span.kind == .server)
        #expect(span.startTimeUnixNano == 1_700_000_000_000_000_000)
        #expect(span.endTimeUnixNano == 1_700_000_000_250_000_000)
        #expect(span.events.count == 1)
        #expect(span.events.first?.name == "exception")
        #expect(span.events.first?.timeUnixNano == 1_700_000_000_100_000_000)
        #expect(span.events.first?.attributes.first?.value.stringValue == "E")
        let link = try #require(span.links.first)
        #expect(link.traceID == Data(finished.links[0].context.traceID.bytes))
        #expect(link.spanID == Data(finished.links[0].context.spanID.bytes))
        #expect(link.flags == 0x301)  // sampled, has-is-remote, is-remote
        #expect(link.attributes.first?.key == "link.kind")
        #expect(span.status.code == .error && span.status.message == "boom")
    }

    @Test("a root span has no parent id and an unset status stays absent")
    func root() {
        var finished = SpanFixtures.span()
        finished.context.parentSpanID = nil
        finished.status = nil
        let span = ProtoSpan(finished)
        #expect(span.parentSpanID.isEmpty)
        #expect(!span.hasStatus)
    }
}
