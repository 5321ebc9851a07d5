import CelloOTLP
import Foundation
import Testing

@testable import FakeCollector

@Suite("SpanStore")
struct SpanStoreTests {
    @Test("evicts the oldest whole traces when over the span bound and counts them")
    func evictsBySpans() {
        let store = SpanStore(maxSpans: 10, maxBytes: 1 << 30)
        let requests = (0..<4).map { _ in Fixtures.traceRequest(spanCount: 4) }
        for request in requests { _ = store.insert(request, encodedBytes: 100) }
        let stats = store.stats
        #expect(stats.spansStored == 8)
        #expect(stats.spansEvicted == 8)
        #expect(stats.tracesEvicted == 2)
        let firstID = requests[0].resourceSpans[0].scopeSpans[0].spans[0].traceID
        let lastID = requests[3].resourceSpans[0].scopeSpans[0].spans[0].traceID
        #expect(store.trace(firstID) == nil)
        #expect(store.trace(lastID)?.spans.count == 4)
    }

    @Test("evicts by bytes too")
    func evictsByBytes() {
        let store = SpanStore(maxSpans: 1_000, maxBytes: 10_000)
        for _ in 0..<5 { _ = store.insert(Fixtures.traceRequest(spanCount: 2), encodedBytes: 4_000) }
        #expect(store.stats.bytesStored <= 10_000)
        #expect(store.stats.tracesEvicted == 3)
    }

    @Test("keeps a span once when it arrives twice and reports the duplicate")
    func duplicates() {
        let store = SpanStore(maxSpans: 100, maxBytes: 1 << 20)
        let request = Fixtures.traceRequest(spanCount: 3)
        #expect(store.insert(request, encodedBytes: 300).stored == 3)
        let again = store.insert(request, encodedBytes: 300)
        #expect(again.stored == 0)
        #expect(again.duplicates.count == 3)
        #expect(store.stats.spansStored == 3)
    }

    @Test("indexes by service and stays consistent under concurrent writers")
    func concurrentWriters() async {
        let store = SpanStore(maxSpans: 1_000_000, maxBytes: 1 << 30)
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for _ in 0..<50 {
                        _ = store.insert(Fixtures.traceRequest(service: "svc\(writer % 2)", spanCount: 5), encodedBytes: 500)
                    }
                }
            }
        }
        #expect(store.stats.spansStored == 8 * 50 * 5)
        #expect(store.services() == ["svc0", "svc1"])
        let all = TraceSearch(serviceName: "svc1", startTimeMinNanos: 0, startTimeMaxNanos: .max, searchDepth: 10_000)
        #expect(store.search(all).count == 4 * 50)
    }
}
