import Foundation

/// A span's identity (trace id + span id) for duplicate detection in a request and in the store.
struct SpanKey: Hashable, Sendable {
    var traceID: Data
    var spanID: Data
}
