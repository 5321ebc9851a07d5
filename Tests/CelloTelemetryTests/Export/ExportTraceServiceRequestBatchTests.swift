import CelloOTLP
@testable import CelloTelemetry
import Foundation
import Testing

@Suite("ExportTraceServiceRequest+Batch")
struct ExportTraceServiceRequestBatchTests {
    @Test("one resource and one scope make one ResourceSpans with one ScopeSpans, spans in order")
    func singleGroup() {
        let batch = SpanFixtures.batch(count: 5)
        let request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(batch: batch)
        #expect(request.resourceSpans.count == 1)
        let resource = request.resourceSpans[0]
        #expect(resource.resource.attributes.first { $0.key == "service.name" }?.value.stringValue == "exporter-tests")
        #expect(resource.scopeSpans.count == 1)
        #expect(resource.scopeSpans[0].scope.name == "cello-telemetry")
        #expect(resource.scopeSpans[0].scope.version == CelloTelemetryVersion.string)
        #expect(resource.scopeSpans[0].spans.map(\.name) == batch.map(\.name))
    }

    @Test("groups interleaved spans by resource, then by scope")
    func interleaved() {
        let other = Resource(serviceName: "other")
        let otherScope = InstrumentationScope(name: "custom", version: nil)
        let batch = [
            SpanFixtures.span(name: "a1"),
            SpanFixtures.span(name: "b1", resource: other),
            SpanFixtures.span(name: "a2", scope: otherScope),
            SpanFixtures.span(name: "a3"),
            SpanFixtures.span(name: "b2", resource: other),
        ]
        let request = Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(batch: batch)
        #expect(request.resourceSpans.count == 2)
        let first = request.resourceSpans[0].scopeSpans
        #expect(first.map(\.scope.name) == ["cello-telemetry", "custom"])
        #expect(first[0].spans.map(\.name) == ["a1", "a3"])
        #expect(first[1].spans.map(\.name) == ["a2"])
        #expect(first[1].scope.version.isEmpty)
        let second = request.resourceSpans[1]
        #expect(second.resource.attributes.first { $0.key == "service.name" }?.value.stringValue == "other")
        #expect(second.scopeSpans.map { $0.spans.map(\.name) } == [["b1", "b2"]])
    }

    @Test("an empty batch makes an empty request")
    func empty() {
        #expect(Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(batch: []).resourceSpans.isEmpty)
    }
}
