import CelloTelemetry
import HTTPTypes
import Testing

@testable import CelloHTTP

@Suite("HTTPFieldsExtractor")
struct HTTPFieldsExtractorTests {
    let extractor = HTTPFieldsExtractor()

    @Test("repeated fields read as one value joined with a comma, names case-insensitive")
    func joinsRepeatedFields() throws {
        var fields = HTTPFields()
        fields.append(HTTPField(name: try #require(HTTPField.Name("tracestate")), value: "foo=1,bar=2"))
        fields.append(HTTPField(name: try #require(HTTPField.Name("TraceState")), value: "baz=3"))
        #expect(extractor.extract(key: "TRACESTATE", from: fields) == "foo=1,bar=2,baz=3")
        #expect(extractor.extract(key: "traceparent", from: fields) == nil)
    }

    @Test("lists each field name once, lower-case, in arrival order")
    func listsKeys() throws {
        var fields = HTTPFields()
        for (name, value) in [("Uberctx-User", "a"), ("uber-trace-id", "1:2:0:1"), ("uberctx-user", "b")] {
            fields.append(HTTPField(name: try #require(HTTPField.Name(name)), value: value))
        }
        #expect(extractor.keys(in: fields) == ["uberctx-user", "uber-trace-id"])
    }

    @Test("the Jaeger propagator finds uberctx- baggage and several tracestate fields combine")
    func propagatorsReadRequests() throws {
        var fields = HTTPFields()
        let headers = [
            ("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), ("tracestate", "rojo=1"),
            ("tracestate", "congo=2"), ("uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:3"),
            ("Uberctx-Tenant", "acme%20corp"),
        ]
        for (name, value) in headers {
            fields.append(HTTPField(name: try #require(HTTPField.Name(name)), value: value))
        }
        let found = CompositePropagator([.w3c, .jaeger]).extract(fields, using: extractor)
        #expect(found.spanContext?.traceState.header == "rojo=1,congo=2")
        #expect(found.baggage?["tenant"] == "acme corp")
        let jaeger = try #require(JaegerPropagator().extract(fields, using: extractor).spanContext)
        #expect(jaeger.isDebug && jaeger.isSampled)
    }
}
