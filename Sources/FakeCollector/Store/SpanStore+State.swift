import CelloOTLP
import Foundation

extension SpanStore {
    /// The store's data; every mutation is a method here, run inside the store's lock.
    struct State: Sendable {
        let maxSpans: Int
        let maxBytes: Int
        var traces: [Data: StoredTrace] = [:]
        /// Trace ids in first-arrival order; `orderHead` skips evicted ones without shifting the array.
        var order: [Data] = []
        var orderHead = 0
        var tracesByService: [String: Set<Data>] = [:]
        var operationsByService: [String: Set<OperationName>] = [:]
        var nextSequence: UInt64 = 0
        var spanCount = 0
        var byteCount = 0
        var evictedSpans = 0
        var evictedTraces = 0

        mutating func insert(_ spans: [StoredSpan]) -> SpanStoreInsertResult {
            var result = SpanStoreInsertResult()
            for stored in spans {
                let traceID = stored.span.traceID
                var trace = traces.removeValue(forKey: traceID) ?? newTrace(traceID)
                if !trace.spanIDs.insert(stored.span.spanID).inserted {
                    result.duplicates.append(SpanKey(traceID: traceID, spanID: stored.span.spanID))
                    traces[traceID] = trace
                    continue
                }
                trace.spans.append(stored)
                trace.bytes += stored.bytes
                let service = stored.origin.serviceName
                if trace.services.insert(service).inserted {
                    tracesByService[service, default: []].insert(traceID)
                }
                operationsByService[service, default: []].insert(
                    OperationName(name: stored.span.name, kind: stored.span.kind.rawValue))
                traces[traceID] = trace
                spanCount += 1
                byteCount += stored.bytes
                result.stored += 1
            }
            result.evictedSpans = evictWhileOverBounds()
            return result
        }

        private mutating func newTrace(_ traceID: Data) -> StoredTrace {
            nextSequence += 1
            order.append(traceID)
            return StoredTrace(traceID: traceID, sequence: nextSequence)
        }

        /// Drops whole traces, oldest first, until both bounds hold; returns the spans dropped.
        private mutating func evictWhileOverBounds() -> Int {
            var dropped = 0
            while spanCount > maxSpans || byteCount > maxBytes, orderHead < order.count {
                let traceID = order[orderHead]
                orderHead += 1
                guard let trace = traces.removeValue(forKey: traceID) else { continue }
                for service in trace.services {
                    tracesByService[service]?.remove(traceID)
                }
                spanCount -= trace.spans.count
                byteCount -= trace.bytes
                dropped += trace.spans.count
                evictedSpans += trace.spans.count
                evictedTraces += 1
            }
            if orderHead > 4096, orderHead * 2 > order.count {
                order.removeFirst(orderHead)
                orderHead = 0
            }
            return dropped
        }

        mutating func removeAll() {
            self = State(maxSpans: maxSpans, maxBytes: maxBytes)
        }

        func search(_ query: TraceSearch) -> [StoredTrace] {
            let candidates: [StoredTrace]
            if let service = query.serviceName {
                candidates = (tracesByService[service] ?? []).compactMap { traces[$0] }
            } else {
                candidates = Array(traces.values)
            }
            let matching = candidates.filter { trace in
                trace.spans.contains { SpanMatcher.matches($0, query) }
            }
            return Array(matching.sorted { $0.sequence > $1.sequence }.prefix(max(query.searchDepth, 0)))
        }

        var stats: SpanStoreStats {
            SpanStoreStats(spansStored: spanCount, tracesStored: traces.count, bytesStored: byteCount,
                           spansEvicted: evictedSpans, tracesEvicted: evictedTraces)
        }
    }
}
