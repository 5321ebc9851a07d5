import CelloOTLP
import Foundation

/// Id rules of trace.proto: trace ids 16 bytes, span ids 8 bytes, neither all zero; parent span id empty or a valid
/// span id; link ids valid too (https://opentelemetry.io/docs/specs/otlp/ and trace.proto field comments).
struct SpanIdentityCheck {
    static func check(_ span: Opentelemetry_Proto_Trace_V1_Span, into findings: inout FindingCollector) {
        if span.traceID.count != 16 || isAllZero(span.traceID) {
            findings.add(.spanTraceID, "trace_id must be 16 bytes and not all zero",
                         evidence: "span \(span.name.debugDescription) trace_id=\(describe(span.traceID))")
        }
        if span.spanID.count != 8 || isAllZero(span.spanID) {
            findings.add(.spanSpanID, "span_id must be 8 bytes and not all zero",
                         evidence: "span \(span.name.debugDescription) span_id=\(describe(span.spanID))")
        }
        let parent = span.parentSpanID
        if !parent.isEmpty, parent.count != 8 || isAllZero(parent) {
            findings.add(.spanParentSpanID, "parent_span_id must be empty (root) or 8 bytes not all zero",
                         evidence: "span \(span.name.debugDescription) parent_span_id=\(describe(parent))")
        }
        for link in span.links where link.traceID.count != 16 || link.spanID.count != 8
            || isAllZero(link.traceID) || isAllZero(link.spanID)
        {
            findings.add(.spanLinkIDs, "link trace_id/span_id must be 16/8 bytes and not all zero",
                         evidence: "span \(span.name.debugDescription) link \(describe(link.traceID))/\(describe(link.spanID))")
        }
    }

    static func isAllZero(_ data: Data) -> Bool { data.allSatisfy { $0 == 0 } }

    static func describe(_ data: Data) -> String { "\(HexID.encode(data)) (\(data.count) bytes)" }
}
