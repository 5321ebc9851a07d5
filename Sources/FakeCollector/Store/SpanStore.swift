import CelloOTLP
import Foundation
import Synchronization

/// The collector's span store: bounded in spans and bytes (oldest traces evicted, evictions counted), indexed by
/// trace id and service, safe under concurrent writers (docs/cello-telemetry.md section 6, store).
final class SpanStore: Sendable {
    private let state: Mutex<State>

    init(maxSpans: Int, maxBytes: Int) {
        self.state = Mutex(State(maxSpans: max(1, maxSpans), maxBytes: max(1, maxBytes)))
    }

    /// Stores the spans of one trace export; `encodedBytes` (the decoded request size) is spread over its spans.
    func insert(_ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest, encodedBytes: Int,
                skippingLast rejected: Int = 0) -> SpanStoreInsertResult {
        let stored = Self.flatten(request, encodedBytes: encodedBytes, rejecting: rejected)
        return state.withLock { $0.insert(stored) }
    }

    func trace(_ traceID: Data) -> StoredTrace? {
        state.withLock { $0.traces[traceID] }
    }

    func search(_ query: TraceSearch) -> [StoredTrace] {
        state.withLock { $0.search(query) }
    }

    func services() -> [String] {
        state.withLock { state in state.tracesByService.filter { !$0.value.isEmpty }.keys.sorted() }
    }

    func operations(service: String) -> [OperationName] {
        let names = state.withLock { $0.operationsByService[service] ?? [] }
        return names.sorted { ($0.name, $0.kind) < ($1.name, $1.kind) }
    }

    var stats: SpanStoreStats { state.withLock { $0.stats } }

    func removeAll() { state.withLock { $0.removeAll() } }

    /// Turns a request into stored spans outside the lock; the last `rejecting` spans are left out (partial success).
    private static func flatten(_ request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest,
                                encodedBytes: Int, rejecting: Int) -> [StoredSpan] {
        let total = request.resourceSpans.reduce(0) { $0 + $1.scopeSpans.reduce(0) { $0 + $1.spans.count } }
        let keep = max(0, total - rejecting)
        guard keep > 0 else { return [] }
        let perSpan = max(64, encodedBytes / max(total, 1))
        var out: [StoredSpan] = []
        out.reserveCapacity(keep)
        for resourceSpans in request.resourceSpans {
            for scopeSpans in resourceSpans.scopeSpans where !scopeSpans.spans.isEmpty {
                let origin = SpanOrigin(resourceSpans: resourceSpans, scopeSpans: scopeSpans)
                for span in scopeSpans.spans {
                    guard out.count < keep else { return out }
                    out.append(StoredSpan(span: span, origin: origin, bytes: perSpan))
                }
            }
        }
        return out
    }
}
