import Instrumentation

/// An extractor that can also list the carrier's keys, needed for prefixed headers such as Jaeger's `uberctx-*`.
/// Keys are compared case-insensitively. A key the carrier holds several times (repeated header fields) is listed
/// once, and `extract(key:from:)` returns its values joined in order with ",".
public protocol KeyListingExtractor<Carrier>: Extractor {
    associatedtype Carrier
    func keys(in carrier: Carrier) -> [String]
}
