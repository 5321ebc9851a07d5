import CelloOTLP

/// Decides whether one stored span satisfies a ``TraceSearch``.
enum SpanMatcher {
    static func matches(_ stored: StoredSpan, _ query: TraceSearch) -> Bool {
        let span = stored.span
        if let service = query.serviceName, stored.origin.serviceName != service { return false }
        if let operation = query.operationName, span.name != operation { return false }
        let start = Int64(clamping: span.startTimeUnixNano)
        guard start >= query.startTimeMinNanos, start <= query.startTimeMaxNanos else { return false }
        let duration = Int64(clamping: span.endTimeUnixNano) - start
        if let minimum = query.durationMinNanos, duration < minimum { return false }
        if let maximum = query.durationMaxNanos, duration > maximum { return false }
        for (key, value) in query.attributes {
            let found = span.attributes.first { $0.key == key }
                ?? stored.origin.resource.attributes.first { $0.key == key }
            guard let found, AttributeText.render(found.value) == value else { return false }
        }
        return true
    }
}
