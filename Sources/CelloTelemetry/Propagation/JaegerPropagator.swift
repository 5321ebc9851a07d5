import Instrumentation

/// Jaeger `uber-trace-id` and `uberctx-{key}` baggage.
///
/// Spec: https://www.jaegertracing.io/docs/1.76/architecture/client-libraries/#propagation-format
/// (`{trace}:{span}:{parent}:{flags}`, hex, leading zeros may be missing, flags bit 1 sampled, bit 2 debug; the
/// value may be URL-encoded); docs/cello-telemetry.md section 2. Debug (flags bit 2) implies sampled, is kept as
/// ``SpanContext/isDebug`` and written back (flags `03`). The trace id is always written with 32 hex digits.
/// `uberctx-*` headers are read only through a ``KeyListingExtractor``; the `jaeger-baggage: k=v, k2=v2` header is
/// read through any extractor. Headers come from the network: a baggage key must be a token and a raw value space
/// and printable ASCII (else that entry is skipped), and at most 64 entries are read, so thousands of members cost
/// no more than 64. Baggage is injected as `uberctx-{key}` headers within the W3C baggage limits (64 entries, 8192
/// bytes of keys and encoded values).
public struct JaegerPropagator: ContextPropagator {
    static let header = "uber-trace-id"
    static let baggagePrefix = "uberctx-"
    static let sampledFlag: UInt64 = 0x01
    static let debugFlag: UInt64 = 0x02

    public init() {}

    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, using extractor: Extract) -> ExtractedContext
    where Extract.Carrier == Carrier {
        let context = extractor.extract(key: Self.header, from: carrier).flatMap(Self.parse)
        var baggage = Baggage()
        if let listing = extractor as? any KeyListingExtractor<Carrier> {
            for key in listing.keys(in: carrier) {
                guard baggage.entries.count < Baggage.maxMembers else { break }
                let lower = key.lowercased()
                guard lower.hasPrefix(Self.baggagePrefix) else { continue }
                let baggageKey = String(lower.dropFirst(Self.baggagePrefix.count))
                guard W3CBaggagePropagator.isToken(baggageKey),
                      let raw = extractor.extract(key: key, from: carrier),
                      Self.isVisibleASCII(raw), let value = PercentDecoding.decode(raw)
                else { continue }
                baggage[baggageKey] = value
            }
        }
        if let header = extractor.extract(key: "jaeger-baggage", from: carrier) {
            for pair in header.split(separator: ",") {
                guard baggage.entries.count < Baggage.maxMembers else { break }
                guard let eq = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<eq].trimmingOWS()
                let value = pair[pair.index(after: eq)...].trimmingOWS()
                guard W3CBaggagePropagator.isToken(key), Self.isVisibleASCII(value) else { continue }
                if baggage[key] == nil { baggage[key] = value }
            }
        }
        return ExtractedContext(spanContext: context, baggage: baggage.isEmpty ? nil : baggage)
    }

    public func inject<Carrier, Inject: Injector>(
        _ spanContext: SpanContext?, baggage: Baggage?, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        if let spanContext, spanContext.isValid {
            var flags: UInt64 = spanContext.isSampled || spanContext.isDebug ? Self.sampledFlag : 0
            if spanContext.isDebug { flags |= Self.debugFlag }
            let value =
                "\(spanContext.traceID.hexString):\(spanContext.spanID.hexString):0:\(Hex.string(flags, width: 2))"
            injector.inject(value, forKey: Self.header, into: &carrier)
        }
        var count = 0
        var bytes = 0
        for entry in baggage?.entries ?? [] where W3CBaggagePropagator.isToken(entry.key) {
            guard count < Baggage.maxMembers else { break }
            let name = Self.baggagePrefix + entry.key.lowercased()
            let value = PercentDecoding.encodeBaggageValue(entry.value)
            let size = entry.key.utf8.count + value.utf8.count
            guard bytes + size <= Baggage.maxHeaderBytes else { continue }
            injector.inject(value, forKey: name, into: &carrier)
            count += 1
            bytes += size
        }
    }

    /// Space and printable ASCII: what a URL-encoded value is made of. Anything else (tabs, control characters,
    /// the U+FFFD that replaced invalid UTF-8) marks a value no Jaeger client wrote, so it is not passed on.
    static func isVisibleASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
    }

    /// Parses `uber-trace-id`; nil when malformed or an id is zero.
    static func parse(_ header: String) -> SpanContext? {
        var text = header.trimmingOWS()
        if text.contains("%") {
            guard let decoded = PercentDecoding.decode(text) else { return nil }
            text = decoded
        }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 4 else { return nil }
        let trace = fields[0].utf8
        guard (1...32).contains(trace.count) else { return nil }
        let hiDigits = trace.dropLast(min(16, trace.count))
        let loDigits = trace.suffix(16)
        guard let lo = Hex.parseUInt64(loDigits, allowUpperCase: true),
              let hi = hiDigits.isEmpty ? 0 : Hex.parseUInt64(hiDigits, allowUpperCase: true),
              let span = Hex.parseUInt64(fields[1].utf8, allowUpperCase: true),
              Hex.parseUInt64(fields[2].utf8, allowUpperCase: true) != nil,
              fields[3].utf8.count <= 2, let flags = Hex.parseUInt64(fields[3].utf8, allowUpperCase: true)
        else { return nil }
        let debug = flags & debugFlag != 0
        let sampled = flags & sampledFlag != 0 || debug
        let parent = Hex.parseUInt64(fields[2].utf8, allowUpperCase: true).flatMap { $0 == 0 ? nil : SpanID(value: $0) }
        let context = SpanContext(
            traceID: TraceID(hi: hi, lo: lo), spanID: SpanID(value: span), parentSpanID: parent,
            traceFlags: sampled ? .sampled : [], isRemote: true, isDebug: debug)
        return context.isValid ? context : nil
    }
}
