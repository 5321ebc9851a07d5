import CelloOTLP
import Foundation

/// Runs every span-level check family over one decoded trace export in a single pass
/// (docs/cello-telemetry.md section 6, wire checks) and reports what the store needs.
struct TraceRequestChecks {
    struct Outcome {
        var spanCount = 0
        /// Hex trace ids in first-seen order.
        var traceIDs: [String] = []
        /// Resource `service.name` values in first-seen order (empty string for a resource without one).
        var serviceNames: [String] = []
        /// Spans whose id already appeared earlier in the same request.
        var duplicatesWithinRequest = 0
    }

    static func run(_ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest,
                    expectedBatchSize: Int?, attributeLimits: AttributeLimits = .default,
                    into findings: inout FindingCollector) -> Outcome {
        var outcome = Outcome()
        var seenSpans = Set<SpanKey>()
        var seenTraces = Set<Data>()
        for resourceSpans in request.resourceSpans {
            ResourceCheck.check(resourceSpans, attributeLimits: attributeLimits, into: &findings)
            let service = resourceSpans.resource.attributes.first { $0.key == "service.name" }?.value.stringValue ?? ""
            if !outcome.serviceNames.contains(service) { outcome.serviceNames.append(service) }
            for scopeSpans in resourceSpans.scopeSpans {
                for span in scopeSpans.spans {
                    outcome.spanCount += 1
                    SpanIdentityCheck.check(span, into: &findings)
                    TraceStateCheck.check(span, into: &findings)
                    SpanTimingCheck.check(span, into: &findings)
                    SpanEnumCheck.check(span, into: &findings)
                    AttributeCheck.check(span.attributes, owner: "span \(span.name.debugDescription)",
                                         limits: attributeLimits, into: &findings)
                    for event in span.events {
                        AttributeCheck.check(event.attributes, owner: "event \(event.name.debugDescription)",
                                             limits: attributeLimits, into: &findings)
                    }
                    for link in span.links {
                        AttributeCheck.check(link.attributes, owner: "link of \(span.name.debugDescription)",
                                             limits: attributeLimits, into: &findings)
                    }
                    if !seenSpans.insert(SpanKey(traceID: span.traceID, spanID: span.spanID)).inserted {
                        outcome.duplicatesWithinRequest += 1
                        findings.add(.spanDuplicateID, "a span id must not repeat within one export",
                                     evidence: "span \(span.name.debugDescription) "
                                         + "\(HexID.encode(span.traceID))/\(HexID.encode(span.spanID))")
                    }
                    if seenTraces.insert(span.traceID).inserted {
                        outcome.traceIDs.append(HexID.encode(span.traceID))
                    }
                }
            }
        }
        if outcome.spanCount == 0 {
            findings.add(.otlpEmptyRequest, "an export should carry at least one span", evidence: "0 spans")
        }
        BatchSizeCheck.check(spanCount: outcome.spanCount, expected: expectedBatchSize, into: &findings)
        return outcome
    }
}
