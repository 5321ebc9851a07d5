import Foundation

/// The spans of one trace id in arrival order, with the indexes a search needs.
struct StoredTrace: Sendable {
    let traceID: Data
    /// Position in the store's arrival order (eviction goes oldest first).
    let sequence: UInt64
    var spans: [StoredSpan] = []
    var spanIDs: Set<Data> = []
    var services: Set<String> = []
    var bytes = 0

    init(traceID: Data, sequence: UInt64) {
        self.traceID = traceID
        self.sequence = sequence
    }
}
