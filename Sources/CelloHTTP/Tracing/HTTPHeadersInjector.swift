import Instrumentation
import NIOHTTP1

/// Writes propagation headers into an AsyncHTTPClient request, replacing any value the caller set for the same
/// name (so a stale `traceparent` copied from elsewhere never travels next to the current one).
struct HTTPHeadersInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout HTTPHeaders) {
        carrier.replaceOrAdd(name: key, value: value)
    }
}
