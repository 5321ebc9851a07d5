import CelloOTLP
import Foundation
import Testing

@testable import FakeCollector

@Suite("TraceRequestChecks")
struct TraceRequestChecksTests {
    static func findings(_ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest,
                         batchSize: Int? = nil) -> [WireFinding] {
        var collector = FindingCollector()
        _ = TraceRequestChecks.run(request, expectedBatchSize: batchSize, into: &collector)
        return collector.findings(requestId: 1)
    }

    @Test("a clean request has no findings")
    func clean() {
        var request = Fixtures.traceRequest(spanCount: 5)
        request.resourceSpans[0].scopeSpans[0].spans[0].traceState = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE, ten@sys=x"
        #expect(Self.findings(request, batchSize: 5).isEmpty)
    }

    typealias Mutation = @Sendable (inout Opentelemetry_Proto_Trace_V1_Span) -> Void

    static let cases: [(String, String, WireFinding.Severity, Mutation)] = [
        ("short trace id", "span.trace-id", .violation, { $0.traceID = Data([1, 2, 3]) }),
        ("zero trace id", "span.trace-id", .violation, { $0.traceID = Data(count: 16) }),
        ("zero span id", "span.span-id", .violation, { $0.spanID = Data(count: 8) }),
        ("4-byte parent", "span.parent-span-id", .violation, { $0.parentSpanID = Data([1, 2, 3, 4]) }),
        ("end before start", "span.times", .violation, { $0.endTimeUnixNano = $0.startTimeUnixNano - 1 }),
        ("zero start", "span.times", .violation, { $0.startTimeUnixNano = 0 }),
        ("unknown kind", "span.kind", .violation, { $0.kind = .UNRECOGNIZED(9) }),
        ("unspecified kind", "span.kind-unspecified", .warning, { $0.kind = .unspecified }),
        ("unknown status", "span.status-code", .violation, { $0.status.code = .UNRECOGNIZED(7) }),
        ("message without error", "span.status-message", .warning, { $0.status.code = .ok; $0.status.message = "x" }),
        ("empty attribute key", "attribute.key-empty", .violation, { span in
            var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
            attribute.value.intValue = 1
            span.attributes.append(attribute)
        }),
        ("duplicate attribute key", "attribute.key-duplicate", .violation, { span in
            span.attributes.append(span.attributes[0])
        }),
        ("bad link ids", "span.link-ids", .violation, { span in
            var link = Opentelemetry_Proto_Trace_V1_Span.Link()
            link.traceID = Data([1])
            span.links = [link]
        }),
        ("empty name", "span.name", .warning, { $0.name = "" }),
        ("bad trace_state", "span.trace-state", .violation, { $0.traceState = "Upper=1" }),
    ]

    @Test("reports each broken span rule with its severity", arguments: cases.indices)
    func spanRules(_ index: Int) {
        let (_, rule, severity, mutate) = Self.cases[index]
        var request = Fixtures.traceRequest(spanCount: 2)
        mutate(&request.resourceSpans[0].scopeSpans[0].spans[1])
        let findings = Self.findings(request)
        let finding = findings.first { $0.ruleId == rule }
        #expect(finding?.severity == severity)
        #expect(finding?.requestId == 1)
        #expect(finding?.evidence.isEmpty == false)
    }

    @Test("reports a missing service.name, duplicate span ids and an oversized batch")
    func requestRules() {
        var request = Fixtures.traceRequest(service: nil, spanCount: 3)
        let first = request.resourceSpans[0].scopeSpans[0].spans[0]
        request.resourceSpans[0].scopeSpans[0].spans.append(first)
        let rules = Set(Self.findings(request, batchSize: 2).map(\.ruleId))
        #expect(rules.isSuperset(of: ["resource.service-name", "span.duplicate-id", "batch.size"]))
    }

    @Test("collapses repeats of one rule into one finding with a count")
    func collapses() {
        var request = Fixtures.traceRequest(spanCount: 50)
        for index in request.resourceSpans[0].scopeSpans[0].spans.indices {
            request.resourceSpans[0].scopeSpans[0].spans[index].startTimeUnixNano = 0
        }
        let times = Self.findings(request).filter { $0.ruleId == "span.times" }
        #expect(times.count == 1)
        #expect(times.first?.message.contains("50 occurrences") == true)
    }
}
