import Foundation
import CelloOTLP
import SwiftProtobuf
import Testing

typealias TraceRequest = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest

@Suite("OTLPJSON")
struct OTLPJSONTests {
    /// The shape of opentelemetry-proto's examples/trace.json, written by hand.
    static let golden = """
        {
          "resourceSpans": [
            {
              "resource": {
                "attributes": [
                  { "key": "service.name", "value": { "stringValue": "my.service" } }
                ]
              },
              "scopeSpans": [
                {
                  "scope": {
                    "name": "my.library",
                    "version": "1.0.0",
                    "attributes": [
                      { "key": "my.scope.attribute", "value": { "stringValue": "some scope attribute" } }
                    ]
                  },
                  "spans": [
                    {
                      "traceId": "5B8EFFF798038103D269B633813FC60C",
                      "spanId": "EEE19B7EC3C1B174",
                      "parentSpanId": "EEE19B7EC3C1B173",
                      "name": "I'm a server span",
                      "startTimeUnixNano": "1544712660000000000",
                      "endTimeUnixNano": 1544712661000000000,
                      "kind": 2,
                      "attributes": [
                        { "key": "my.span.attr", "value": { "stringValue": "some value" } },
                        { "key": "http.status_code", "value": { "intValue": "200" } },
                        { "key": "ratio", "value": { "doubleValue": 0.5 } },
                        { "key": "ok", "value": { "boolValue": true } },
                        { "key": "tags", "value": { "arrayValue": { "values": [ { "stringValue": "a" }, { "intValue": 7 } ] } } }
                      ],
                      "events": [
                        { "timeUnixNano": "1544712660500000000", "name": "exception",
                          "attributes": [ { "key": "exception.message", "value": { "stringValue": "boom" } } ] }
                      ],
                      "links": [
                        { "traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "traceState": "ot=th:8" }
                      ],
                      "status": { "code": 2, "message": "failed" },
                      "someFutureField": { "nested": [1, 2, 3] }
                    }
                  ]
                }
              ]
            }
          ]
        }
        """

    @Test("decodes the spec's example with hex ids, integer enums and 64-bit integers as strings or numbers")
    func decodesGolden() throws {
        let request = try OTLPJSON.decode(TraceRequest.self, from: Array(Self.golden.utf8))
        let span = try #require(request.resourceSpans.first?.scopeSpans.first?.spans.first)
        #expect(span.traceID == Hex.decode("5b8efff798038103d269b633813fc60c")!.asData)
        #expect(span.spanID == Hex.decode("eee19b7ec3c1b174")!.asData)
        #expect(span.parentSpanID == Hex.decode("eee19b7ec3c1b173")!.asData)
        #expect(span.kind == .server)
        #expect(span.startTimeUnixNano == 1_544_712_660_000_000_000)
        #expect(span.endTimeUnixNano == 1_544_712_661_000_000_000)
        #expect(span.attributes.count == 5)
        #expect(span.attributes[1].value.intValue == 200)
        #expect(span.attributes[2].value.doubleValue == 0.5)
        #expect(span.attributes[4].value.arrayValue.values[1].intValue == 7)
        #expect(span.events.first?.name == "exception")
        #expect(span.links.first?.traceState == "ot=th:8")
        #expect(span.links.first?.spanID == Hex.decode("b7ad6b7169203331")!.asData)
        #expect(span.status.code == .error)
        #expect(request.resourceSpans[0].resource.attributes[0].value.stringValue == "my.service")
    }

    @Test("encodes ids as lower-case hex, enums as integers, names in lowerCamelCase")
    func encodesOTLPRules() throws {
        var span = Opentelemetry_Proto_Trace_V1_Span()
        span.traceID = Hex.decode("0af7651916cd43dd8448eb211c80319c")!.asData
        span.spanID = Hex.decode("b7ad6b7169203331")!.asData
        span.parentSpanID = Hex.decode("00f067aa0ba902b7")!.asData
        span.kind = .client
        span.startTimeUnixNano = 1_700_000_000_000_000_001
        span.status.code = .ok
        var request = TraceRequest()
        request.resourceSpans = [.with { $0.scopeSpans = [.with { $0.spans = [span] }] }]

        let text = String(decoding: try OTLPJSON.encode(request), as: UTF8.self)
        #expect(text.contains(#""traceId":"0af7651916cd43dd8448eb211c80319c""#))
        #expect(text.contains(#""spanId":"b7ad6b7169203331""#))
        #expect(text.contains(#""parentSpanId":"00f067aa0ba902b7""#))
        #expect(text.contains(#""kind":3"#))
        #expect(text.contains(#""code":1"#))
        #expect(text.contains(#""startTimeUnixNano":"1700000000000000001""#))
        #expect(text.contains("resourceSpans"))
        #expect(!text.contains("resource_spans"))
    }

    @Test("a message survives encode then decode unchanged")
    func roundTrips() throws {
        let request = try OTLPJSON.decode(TraceRequest.self, from: Array(Self.golden.utf8))
        let again = try OTLPJSON.decode(TraceRequest.self, from: try OTLPJSON.encode(request))
        #expect(again == request)
        // And through protobuf binary, so that JSON and binary carry the same message.
        let binary: [UInt8] = try request.serializedBytes()
        #expect(try TraceRequest(serializedBytes: binary) == again)
    }

    @Test("accepts the proto field names and enum names that proto3 JSON allows")
    func acceptsProtoNames() throws {
        let body = #"{"resource_spans":[{"scope_spans":[{"spans":[{"trace_id":"0af7651916cd43dd8448eb211c80319c","span_id":"b7ad6b7169203331","kind":"SPAN_KIND_CONSUMER","start_time_unix_nano":5}]}]}]}"#
        let request = try OTLPJSON.decode(TraceRequest.self, from: Array(body.utf8))
        let span = try #require(request.resourceSpans.first?.scopeSpans.first?.spans.first)
        #expect(span.kind == .consumer)
        #expect(span.startTimeUnixNano == 5)
        #expect(span.spanID.count == 8)
    }

    @Test("an empty body object decodes to an empty request")
    func emptyObject() throws {
        #expect(try OTLPJSON.decode(TraceRequest.self, from: Array("{}".utf8)) == TraceRequest())
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var code: OTLPJSONError.Code
        var field: String
        var testDescription: String { name }
    }

    static let spanPath = "resourceSpans[0].scopeSpans[0].spans[0]"
    static func spanBody(_ fields: String) -> String {
        #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"# + fields + "}]}]}]}"
    }

    static let malformed: [Malformed] = [
        Malformed(name: "trace id of 15 bytes", body: spanBody(#""traceId":"0af7651916cd43dd8448eb211c8031""#), code: .invalidID, field: "\(spanPath).traceId"),
        Malformed(name: "span id of 9 bytes", body: spanBody(#""spanId":"b7ad6b716920333101""#), code: .invalidID, field: "\(spanPath).spanId"),
        Malformed(name: "odd number of hex digits", body: spanBody(#""spanId":"b7ad6b716920333""#), code: .invalidID, field: "\(spanPath).spanId"),
        Malformed(name: "base64 trace id", body: spanBody(#""traceId":"CvdlGRbNQ92ESOshHIAxnA==""#), code: .invalidID, field: "\(spanPath).traceId"),
        Malformed(name: "non-hex parent id", body: spanBody(#""parentSpanId":"zzzzzzzzzzzzzzzz""#), code: .invalidID, field: "\(spanPath).parentSpanId"),
        Malformed(name: "id as a number", body: spanBody(#""spanId":12345"#), code: .wrongType, field: "\(spanPath).spanId"),
        Malformed(name: "name as a number", body: spanBody(#""name":42"#), code: .wrongType, field: "\(spanPath).name"),
        Malformed(name: "time with a fraction", body: spanBody(#""startTimeUnixNano":1.5"#), code: .invalidValue, field: "\(spanPath).startTimeUnixNano"),
        Malformed(name: "time as words", body: spanBody(#""endTimeUnixNano":"soon""#), code: .invalidValue, field: "\(spanPath).endTimeUnixNano"),
        Malformed(name: "attributes as an object", body: spanBody(#""attributes":{"a":1}"#), code: .wrongType, field: "\(spanPath).attributes"),
        Malformed(name: "bool attribute as a string", body: spanBody(#""attributes":[{"key":"a","value":{"boolValue":"yes"}}]"#), code: .wrongType, field: "\(spanPath).attributes[0].value.boolValue"),
        Malformed(name: "status as a string", body: spanBody(#""status":"ok""#), code: .wrongType, field: "\(spanPath).status"),
        Malformed(name: "link with a short trace id", body: spanBody(#""links":[{"traceId":"abcd"}]"#), code: .invalidID, field: "\(spanPath).links[0].traceId"),
        Malformed(name: "truncated JSON", body: #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x""#, code: .malformedJSON, field: ""),
        Malformed(name: "not JSON", body: "\u{1}\u{2}protobuf?", code: .malformedJSON, field: ""),
        Malformed(name: "a top-level array", body: "[]", code: .malformedJSON, field: ""),
        Malformed(name: "trailing garbage", body: "{} x", code: .malformedJSON, field: ""),
        Malformed(name: "empty body", body: "", code: .malformedJSON, field: ""),
        Malformed(name: "resourceSpans as a string", body: #"{"resourceSpans":"all of them"}"#, code: .wrongType, field: "resourceSpans"),
    ]

    @Test("refuses malformed input with a code and the field's path", arguments: malformed)
    func refusesMalformed(_ example: Malformed) {
        #expect {
            _ = try OTLPJSON.decode(TraceRequest.self, from: Array(example.body.utf8))
        } throws: { error in
            guard let error = error as? OTLPJSONError else { return false }
            return error.code == example.code && error.field == example.field && !error.message.isEmpty
        }
    }

    @Test("deeply nested input is refused, not a crash")
    func refusesDeepNesting() {
        let body = #"{"resourceSpans":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(throws: OTLPJSONError.self) {
            _ = try OTLPJSON.decode(TraceRequest.self, from: Array(body.utf8))
        }
    }

    @Test("string escapes and unicode survive decoding")
    func decodesEscapes() throws {
        let body = Self.spanBody(#""name":"caf\u00e9 \"quoted\" \ud83d\ude00 \n tab\t""#)
        let request = try OTLPJSON.decode(TraceRequest.self, from: Array(body.utf8))
        #expect(request.resourceSpans[0].scopeSpans[0].spans[0].name == "café \"quoted\" 😀 \n tab\t")
    }
}

extension Array where Element == UInt8 {
    var asData: Data { Data(self) }
}
