/// What one insert did: spans kept, spans already present (duplicates across requests), spans evicted to make room.
struct SpanStoreInsertResult: Sendable {
    var stored = 0
    var duplicates: [SpanKey] = []
    var evictedSpans = 0
}
