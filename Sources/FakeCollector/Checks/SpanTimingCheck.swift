import CelloOTLP

/// Time rules of trace.proto: start and end are set (non-zero) and start <= end; events carry a time.
struct SpanTimingCheck {
    static func check(_ span: Opentelemetry_Proto_Trace_V1_Span, into findings: inout FindingCollector) {
        let start = span.startTimeUnixNano
        let end = span.endTimeUnixNano
        if start == 0 || end == 0 || start > end {
            findings.add(.spanTimes, "start_time_unix_nano and end_time_unix_nano must be set and start <= end",
                         evidence: "span \(span.name.debugDescription) start=\(start) end=\(end)")
        }
        for event in span.events where event.timeUnixNano == 0 {
            findings.add(.spanEventTime, "span events should carry time_unix_nano",
                         evidence: "span \(span.name.debugDescription) event \(event.name.debugDescription)")
        }
    }
}
