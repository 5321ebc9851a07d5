import CelloTelemetry
import Instrumentation

/// Case-insensitive header dictionaries for propagator tests.
struct HeaderExtractor: KeyListingExtractor {
    typealias Carrier = [String: String]

    func extract(key: String, from carrier: [String: String]) -> String? {
        if let exact = carrier[key] { return exact }
        return carrier.first(where: { $0.key.lowercased() == key.lowercased() })?.value
    }

    func keys(in carrier: [String: String]) -> [String] {
        Array(carrier.keys)
    }
}

/// An extractor that cannot list keys.
struct PlainHeaderExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier.first(where: { $0.key.lowercased() == key.lowercased() })?.value
    }
}

/// Header fields in arrival order, names repeatable, as on the wire; a repeated name reads as its values joined
/// with ",", the way the HTTP extractor of CelloHTTP reads repeated fields.
struct HeaderFieldsExtractor: KeyListingExtractor {
    typealias Carrier = [(String, String)]

    func extract(key: String, from carrier: [(String, String)]) -> String? {
        let values = carrier.filter { $0.0.lowercased() == key.lowercased() }.map(\.1)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    func keys(in carrier: [(String, String)]) -> [String] {
        var seen = Set<String>()
        return carrier.map { $0.0.lowercased() }.filter { seen.insert($0).inserted }
    }
}

struct HeaderInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}

extension ContextPropagator {
    func extract(_ headers: [String: String]) -> ExtractedContext {
        extract(headers, using: HeaderExtractor())
    }

    func extract(fields: [(String, String)]) -> ExtractedContext {
        extract(fields, using: HeaderFieldsExtractor())
    }

    func inject(_ spanContext: SpanContext?, baggage: Baggage? = nil) -> [String: String] {
        var headers: [String: String] = [:]
        inject(spanContext, baggage: baggage, into: &headers, using: HeaderInjector())
        return headers
    }
}

enum Fixtures {
    static let traceID = TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!
    static let spanID = SpanID(hex: "00f067aa0ba902b7")!

    static func context(
        sampled: Bool, remote: Bool = false, debug: Bool = false, traceState: TraceState = TraceState()
    ) -> SpanContext {
        SpanContext(
            traceID: traceID, spanID: spanID, traceFlags: sampled ? .sampled : [], traceState: traceState,
            isRemote: remote, isDebug: debug)
    }
}
