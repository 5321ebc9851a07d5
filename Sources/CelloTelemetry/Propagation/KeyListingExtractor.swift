import Instrumentation

/// An extractor that can also list the carrier's keys, needed for prefixed headers such as Jaeger's `uberctx-*`.
/// Keys are compared case-insensitively.
public protocol KeyListingExtractor<Carrier>: Extractor {
    associatedtype Carrier
    func keys(in carrier: Carrier) -> [String]
}
