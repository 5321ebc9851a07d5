import Foundation

/// The trace context one recorded request carried in one format, read the way the judge reads it: its own parser,
/// independent of every SDK it judges (docs/cello-telemetry.md section 2, propagators).
struct CarriedContext: Sendable, Hashable {
    var format: PropagationFormat
    /// 32 lower-case hex digits (64-bit ids left-padded).
    var traceID: String
    /// 16 lower-case hex digits.
    var spanID: String
    /// The sampled decision; nil when the header carries no sampling state (a b3 header without it).
    var sampled: Bool?
    /// B3 `d` / `X-B3-Flags: 1`, Jaeger flag bit 2.
    var debug: Bool
    /// The header(s) as sent, for the report.
    var text: String
    /// The trace id as it appeared on the wire (for width checks).
    var wireTraceID: String

    /// Reads `format` from a request's headers; nil when absent or unreadable (syntax is judged separately).
    static func read(_ hop: RecordedHop, _ format: PropagationFormat) -> CarriedContext? {
        switch format {
        case .w3c:
            guard let value = hop.values("traceparent").first else { return nil }
            let parts = value.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 4, parts[1].count == 32, parts[2].count == 16, let flags = UInt8(parts[3], radix: 16)
            else { return nil }
            return CarriedContext(
                format: format, traceID: parts[1], spanID: parts[2], sampled: flags & 1 == 1, debug: false,
                text: "traceparent: \(value)", wireTraceID: parts[1])
        case .b3:
            guard let value = hop.values("b3").first else { return nil }
            let parts = value.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, [16, 32].contains(parts[0].count), parts[1].count == 16 else { return nil }
            let state = parts.count >= 3 ? parts[2] : nil
            return CarriedContext(
                format: format, traceID: parts[0].leftPad(32), spanID: parts[1],
                sampled: state.map { $0 == "1" || $0 == "d" }, debug: state == "d", text: "b3: \(value)",
                wireTraceID: parts[0])
        case .b3multi:
            guard let trace = hop.values("x-b3-traceid").first?.lowercased(),
                let span = hop.values("x-b3-spanid").first?.lowercased(), [16, 32].contains(trace.count), span.count == 16
            else { return nil }
            let flags = hop.values("x-b3-flags").first
            let sampledText = hop.values("x-b3-sampled").first
            let debug = flags == "1"
            let sampled: Bool? = debug ? true : sampledText.map { $0 == "1" || $0.lowercased() == "true" }
            let text = hop.headers.filter { $0.name.hasPrefix("x-b3-") }.map { "\($0.name): \($0.value)" }
            return CarriedContext(
                format: format, traceID: trace.leftPad(32), spanID: span, sampled: sampled, debug: debug,
                text: text.joined(separator: "; "), wireTraceID: trace)
        case .jaeger:
            guard let raw = hop.values("uber-trace-id").first else { return nil }
            let value = raw.removingPercentEscapes.lowercased()
            let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, (1...32).contains(parts[0].count), (1...16).contains(parts[1].count),
                let flags = UInt8(parts[3], radix: 16)
            else { return nil }
            return CarriedContext(
                format: format, traceID: parts[0].leftPad(32), spanID: parts[1].leftPad(16), sampled: flags & 1 == 1,
                debug: flags & 2 == 2, text: "uber-trace-id: \(raw)", wireTraceID: parts[0])
        default:
            return nil
        }
    }

    /// The first of `formats` the request carries readably.
    static func first(_ hop: RecordedHop, _ formats: [PropagationFormat]) -> CarriedContext? {
        for format in formats {
            if let context = read(hop, format) { return context }
        }
        return nil
    }

    /// Every format the judge knows, in the order it tries them on a request whose sender's formats are unknown.
    static let allFormats: [PropagationFormat] = [.w3c, .b3, .b3multi, .jaeger]
}

extension RecordedHop {
    /// The W3C tracestate members (all fields joined in order), as `(key, value)`.
    var traceStateMembers: [(key: String, value: String)] {
        values("tracestate").joined(separator: ",").split(separator: ",").compactMap { member in
            let trimmed = member.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            guard let equals = trimmed.firstIndex(of: "=") else { return (trimmed, "") }
            return (String(trimmed[..<equals]), String(trimmed[trimmed.index(after: equals)...]))
        }
    }

    /// The W3C baggage members as `key=value` (properties dropped, whitespace trimmed).
    var baggageMembers: Set<String> {
        Set(
            values("baggage").joined(separator: ",").split(separator: ",").compactMap { member in
                let entry = member.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
                let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty else { return nil }
                return "\(parts[0])=\(parts[1].removingPercentEscapes)"
            })
    }

    /// Jaeger `uberctx-{key}` baggage as `key=value`.
    var uberBaggage: Set<String> {
        Set(
            headers.filter { $0.name.hasPrefix("uberctx-") }.map {
                "\($0.name.dropFirst("uberctx-".count))=\($0.value.removingPercentEscapes)"
            })
    }

    /// The context headers and their neighbours (tracestate, baggage, uberctx-*), for the report.
    var contextText: String {
        let names: Set<String> = ["traceparent", "tracestate", "baggage", "b3", "uber-trace-id"]
        let shown = headers.filter { names.contains($0.name) || $0.name.hasPrefix("x-b3-") || $0.name.hasPrefix("uberctx-") }
        return shown.isEmpty ? "(no context headers)" : shown.map { "\($0.name): \($0.value)" }.joined(separator: "; ")
    }
}

extension String {
    /// Percent-decoding that leaves a malformed escape as it is.
    var removingPercentEscapes: String { removingPercentEncoding ?? self }
}
