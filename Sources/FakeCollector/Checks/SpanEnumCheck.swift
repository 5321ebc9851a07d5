import CelloOTLP

/// Enum and naming rules of trace.proto: a known span kind (UNSPECIFIED discouraged), a known status code, a status
/// message only with STATUS_CODE_ERROR, a non-empty span name.
struct SpanEnumCheck {
    static func check(_ span: Opentelemetry_Proto_Trace_V1_Span, into findings: inout FindingCollector) {
        switch span.kind {
        case .internal, .server, .client, .producer, .consumer:
            break
        case .unspecified:
            findings.add(.spanKindUnspecified, "span kind should not be SPAN_KIND_UNSPECIFIED",
                         evidence: "span \(span.name.debugDescription) kind=0")
        case .UNRECOGNIZED(let value):
            findings.add(.spanKind, "span kind must be one of SpanKind's values",
                         evidence: "span \(span.name.debugDescription) kind=\(value)")
        }
        switch span.status.code {
        case .unset, .ok:
            if !span.status.message.isEmpty {
                findings.add(.spanStatusMessage, "status message is only meaningful with STATUS_CODE_ERROR",
                             evidence: "span \(span.name.debugDescription) code=\(span.status.code.rawValue) "
                                 + "message=\(span.status.message.debugDescription)")
            }
        case .error:
            break
        case .UNRECOGNIZED(let value):
            findings.add(.spanStatusCode, "status code must be one of StatusCode's values",
                         evidence: "span \(span.name.debugDescription) status.code=\(value)")
        }
        if span.name.isEmpty {
            findings.add(.spanName, "span name should not be empty",
                         evidence: "span_id=\(HexID.encode(span.spanID))")
        }
    }
}
