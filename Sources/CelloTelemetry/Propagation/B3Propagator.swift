import Instrumentation

/// Zipkin B3: injects the single `b3` header (or the `X-B3-*` set), extracts either.
///
/// Spec: https://github.com/openzipkin/b3-propagation (`{trace}-{span}-{1|0|d}[-{parent}]`; 64-bit trace ids are
/// left-padded to 128 bits; debug implies sampled); docs/cello-telemetry.md section 2. A missing sampling state is
/// taken as not sampled. Debug (`d`, `X-B3-Flags: 1`) is kept as ``SpanContext/isDebug`` and written again: `d` in
/// the single header, `x-b3-flags: 1` (and no `x-b3-sampled`, which debug implies) in the multi set.
public struct B3Propagator: ContextPropagator {
    /// The header style this propagator injects.
    public let injectsSingleHeader: Bool

    /// - Parameter singleHeader: true injects `b3`, false injects `x-b3-traceid`, `x-b3-spanid` and `x-b3-sampled`
    ///   (or `x-b3-flags` for a debug trace).
    public init(singleHeader: Bool = true) {
        self.injectsSingleHeader = singleHeader
    }

    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, using extractor: Extract) -> ExtractedContext
    where Extract.Carrier == Carrier {
        if let single = extractor.extract(key: "b3", from: carrier), let context = Self.parseSingle(single) {
            return ExtractedContext(spanContext: context)
        }
        guard let trace = extractor.extract(key: "x-b3-traceid", from: carrier),
              let span = extractor.extract(key: "x-b3-spanid", from: carrier)
        else { return ExtractedContext() }
        let context = Self.parseMulti(
            traceID: trace, spanID: span,
            parentSpanID: extractor.extract(key: "x-b3-parentspanid", from: carrier),
            sampled: extractor.extract(key: "x-b3-sampled", from: carrier),
            flags: extractor.extract(key: "x-b3-flags", from: carrier))
        return ExtractedContext(spanContext: context)
    }

    public func inject<Carrier, Inject: Injector>(
        _ spanContext: SpanContext?, baggage: Baggage?, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let spanContext, spanContext.isValid else { return }
        if injectsSingleHeader {
            let state = spanContext.isDebug ? "d" : spanContext.isSampled ? "1" : "0"
            let value = "\(spanContext.traceID.hexString)-\(spanContext.spanID.hexString)-\(state)"
            injector.inject(value, forKey: "b3", into: &carrier)
        } else {
            injector.inject(spanContext.traceID.hexString, forKey: "x-b3-traceid", into: &carrier)
            injector.inject(spanContext.spanID.hexString, forKey: "x-b3-spanid", into: &carrier)
            if spanContext.isDebug {
                injector.inject("1", forKey: "x-b3-flags", into: &carrier)
            } else {
                injector.inject(spanContext.isSampled ? "1" : "0", forKey: "x-b3-sampled", into: &carrier)
            }
        }
    }

    /// Parses the single header; nil for a sampling-only value (`0`, `1`, `d`) or anything malformed.
    static func parseSingle(_ header: String) -> SpanContext? {
        let fields = header.trimmingOWS().split(separator: "-", omittingEmptySubsequences: false)
        guard (2...4).contains(fields.count), let traceID = parseTraceID(fields[0]),
              let spanID = parseSpanID(fields[1])
        else { return nil }
        var sampled = false
        var debug = false
        if fields.count >= 3 {
            switch fields[2] {
            case "1": sampled = true
            case "d": (sampled, debug) = (true, true)
            case "0": sampled = false
            default: return nil
            }
        }
        var parent: SpanID?
        if fields.count == 4 {
            guard let p = parseSpanID(fields[3]) else { return nil }
            parent = p
        }
        return SpanContext(
            traceID: traceID, spanID: spanID, parentSpanID: parent, traceFlags: sampled ? .sampled : [],
            isRemote: true, isDebug: debug)
    }

    /// Parses the multi-header set; nil when an id is malformed or a value is unknown. `X-B3-Flags: 1` is debug,
    /// which implies sampled whatever `X-B3-Sampled` says; other flag values are ignored.
    static func parseMulti(
        traceID: String, spanID: String, parentSpanID: String?, sampled: String?, flags: String?
    ) -> SpanContext? {
        guard let trace = parseTraceID(traceID.trimmingOWS()), let span = parseSpanID(spanID.trimmingOWS())
        else { return nil }
        var parent: SpanID?
        if let parentSpanID {
            guard let p = parseSpanID(parentSpanID.trimmingOWS()) else { return nil }
            parent = p
        }
        var isSampled = false
        if let sampled {
            switch sampled.trimmingOWS().lowercased() {
            case "1", "true", "d": isSampled = true
            case "0", "false": isSampled = false
            default: return nil
            }
        }
        let isDebug = flags?.trimmingOWS() == "1"
        if isDebug { isSampled = true }
        return SpanContext(
            traceID: trace, spanID: span, parentSpanID: parent, traceFlags: isSampled ? .sampled : [], isRemote: true,
            isDebug: isDebug)
    }

    /// 16 or 32 lower-case hex digits, not all zero; 64-bit ids are left-padded.
    static func parseTraceID(_ text: some StringProtocol) -> TraceID? {
        let utf8 = text.utf8
        let id: TraceID?
        switch utf8.count {
        case 32: id = TraceID(hex: text)
        case 16: id = Hex.parseUInt64(utf8).map { TraceID(hi: 0, lo: $0) }
        default: id = nil
        }
        guard let id, id.isValid else { return nil }
        return id
    }

    /// 16 lower-case hex digits, not all zero.
    static func parseSpanID(_ text: some StringProtocol) -> SpanID? {
        guard let id = SpanID(hex: text), id.isValid else { return nil }
        return id
    }
}
