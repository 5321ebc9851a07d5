import CelloTelemetry
import HTTPTypes

/// What a downstream may receive from an instrumented client, whatever arrived upstream: the propagation headers
/// well formed by their own specs, each at most once, naming the client span, and nothing of a marker that only
/// invalid input carried.
///
/// Spec: https://www.w3.org/TR/trace-context-2/ (traceparent, tracestate: at most 32 members and 512 characters),
/// https://www.w3.org/TR/baggage/ (at most 8192 bytes; 180 members is the most 8192 bytes can hold), B3 single
/// header, Jaeger `uber-trace-id` / `uberctx-*`; docs/cello-telemetry.md section 2.
enum InjectedHeaderRules {
    static let propagationNames: Set<String> = [
        "traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
        "x-b3-sampled", "x-b3-flags", "uber-trace-id",
    ]

    /// Every rule the fields break, in words; empty when they are all kept.
    /// - Parameters:
    ///   - client: the CLIENT span that made the call: the injected ids must be its own.
    ///   - marker: text that appeared only in invalid input; no header name or value may contain it.
    static func problems(in fields: HTTPFields, client: FinishedSpan?, marker: String) -> [String] {
        var problems: [String] = []
        for field in fields {
            let name = field.name.canonicalName
            if name.contains(marker) || field.value.lowercased().contains(marker) {
                problems.append("\(name) echoes the hostile input: \(field.value.prefix(200))")
            }
            guard Self.propagationNames.contains(name) || name.hasPrefix("uberctx-") else { continue }
            if !Self.isPrintableASCII(field.value) {
                problems.append("\(name) is not printable ASCII: \(field.value.prefix(200))")
            }
        }
        for name in ["traceparent", "tracestate", "baggage", "b3", "uber-trace-id"] {
            let count = fields[values: HTTPField.Name(name)!].count
            if count > 1 {
                problems.append("\(name) was sent \(count) times")
            }
        }

        guard let traceparent = fields[HTTPField.Name("traceparent")!] else {
            return problems + ["no traceparent was injected"]
        }
        if traceparent.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]/) == nil {
            problems.append("traceparent \(traceparent.prefix(200)) is not 00-{32 hex}-{16 hex}-0[0-3]")
        }
        if let client, traceparent != Self.traceparent(of: client) {
            problems.append("traceparent \(traceparent.prefix(200)) does not name the client span")
        }
        if let state = fields[HTTPField.Name("tracestate")!], !Self.isValidTraceState(state) {
            problems.append("tracestate \(state.prefix(200)) is not a valid Level 2 list")
        }
        if let baggage = fields[HTTPField.Name("baggage")!], !Self.isValidBaggage(baggage) {
            problems.append("baggage (\(baggage.utf8.count) bytes) is not a valid W3C baggage header")
        }
        if let b3 = fields[HTTPField.Name("b3")!] {
            let ids = client.map { "\($0.context.traceID.hexString)-\($0.context.spanID.hexString)-" } ?? ""
            if b3.wholeMatch(of: /[0-9a-f]{32}-[0-9a-f]{16}-[01d](-[0-9a-f]{16})?/) == nil || !b3.hasPrefix(ids) {
                problems.append("b3 \(b3.prefix(200)) is malformed or does not name the client span")
            }
        }
        if let uber = fields[HTTPField.Name("uber-trace-id")!] {
            let ids = client.map { "\($0.context.traceID.hexString):\($0.context.spanID.hexString):" } ?? ""
            if uber.wholeMatch(of: /[0-9a-f]{32}:[0-9a-f]{16}:[0-9a-f]{1,16}:[0-9a-f]{1,2}/) == nil
                || !uber.hasPrefix(ids)
            {
                problems.append("uber-trace-id \(uber.prefix(200)) is malformed or does not name the client span")
            }
        }
        for field in fields where field.name.canonicalName.hasPrefix("uberctx-") {
            let key = field.name.canonicalName.dropFirst("uberctx-".count)
            if key.isEmpty || !Self.isBaggageOctets(field.value) {
                problems.append("\(field.name.canonicalName): \(field.value.prefix(200)) is not an encoded value")
            }
        }
        return problems
    }

    /// The `traceparent` the span's context makes.
    static func traceparent(of span: FinishedSpan) -> String {
        let flags = span.context.traceFlags.intersection([.sampled, .random]).rawValue
        let hex = (flags < 0x10 ? "0" : "") + String(flags, radix: 16)
        return "00-\(span.context.traceID.hexString)-\(span.context.spanID.hexString)-\(hex)"
    }

    /// Level 2 list: at most 32 members and 512 characters; `key = (lcalpha / DIGIT) 0*255(keychar)`,
    /// `value = 0*255(chr) nblk-chr` (no OWS: the SDK writes none).
    static func isValidTraceState(_ header: String) -> Bool {
        let members = header.split(separator: ",", omittingEmptySubsequences: false)
        guard header.utf8.count <= 512, members.count <= 32 else { return false }
        return members.allSatisfy { member in
            guard let eq = member.firstIndex(of: "=") else { return false }
            let key = member[..<eq]
            let value = member[member.index(after: eq)...]
            return key.wholeMatch(of: /[a-z0-9][a-z0-9_\-*\/@]{0,255}/) != nil
                && value.wholeMatch(
                    of: /[\x{20}-\x{2B}\x{2D}-\x{3C}\x{3E}-\x{7E}]{0,255}[\x{21}-\x{2B}\x{2D}-\x{3C}\x{3E}-\x{7E}]/
                ) != nil
        }
    }

    /// W3C baggage: at most 8192 bytes and 180 members of `token = baggage-octets` with optional `;` properties.
    static func isValidBaggage(_ header: String) -> Bool {
        let members = header.split(separator: ",", omittingEmptySubsequences: false)
        guard header.utf8.count <= 8192, members.count <= 180, Self.isPrintableASCII(header) else { return false }
        return members.allSatisfy { member in
            let pair = member.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let eq = pair.firstIndex(of: "=") else { return false }
            let key = pair[..<eq].trimmingSpaces()
            let value = pair[pair.index(after: eq)...].trimmingSpaces()
            return key.wholeMatch(of: /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/) != nil && Self.isBaggageOctets(value)
        }
    }

    /// `baggage-octet` (printable ASCII but space, `"`, `,`, `;`, `\`), percent escapes included.
    static func isBaggageOctets(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { c in
            c == 0x21 || (0x23...0x2B).contains(c) || (0x2D...0x3A).contains(c) || (0x3C...0x5B).contains(c)
                || (0x5D...0x7E).contains(c)
        }
    }

    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }
}

extension StringProtocol {
    /// Without spaces at either end (the OWS around baggage keys and values).
    fileprivate func trimmingSpaces() -> Substring {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
