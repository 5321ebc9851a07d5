/// The rules one recorded request between two hops is judged by (used by ``PropagationCheck``).
enum HopRules {
    struct Problem: Sendable, Hashable {
        /// A short key, so the report lists each kind of problem once per hop pair.
        var rule: String
        var text: String
    }

    // MARK: Syntax: the configured formats, each once and well formed, and no other format.

    static func syntax(_ hop: RecordedHop, _ formats: [PropagationFormat]) -> [Problem] {
        var problems: [Problem] = []
        for format in formats {
            for name in format.contextHeaders {
                let values = hop.values(name)
                if values.isEmpty {
                    problems.append(Problem(rule: "missing \(name)", text: "missing \(name) header (\(format) is configured)"))
                } else if values.count > 1 {
                    problems.append(Problem(rule: "repeated \(name)", text: "\(values.count) \(name) headers, expected one"))
                } else if let complaint = malformed(name, values[0]) {
                    problems.append(Problem(rule: "malformed \(name)", text: complaint))
                }
            }
            if format == .b3multi, hop.values("x-b3-sampled").isEmpty, hop.values("x-b3-flags").isEmpty {
                problems.append(Problem(rule: "b3multi state", text: "X-B3-Sampled (or X-B3-Flags) missing: the sampling state is not sent"))
            }
            if format == .w3c {
                let members = hop.traceStateMembers
                if let complaint = TraceStateRules.invalid(members) {
                    problems.append(Problem(rule: "tracestate syntax", text: "tracestate '\(hop.values("tracestate").joined(separator: ","))' \(complaint)"))
                }
            }
        }
        for other in CarriedContext.allFormats where !formats.contains(other) {
            for name in other.contextHeaders where !formats.flatMap(\.contextHeaders).contains(name) && !hop.values(name).isEmpty {
                problems.append(Problem(rule: "unexpected \(name)", text: "unexpected \(name) header ('\(hop.values(name)[0])'), \(other) is not configured"))
            }
        }
        return problems
    }

    /// Why a context header is malformed; nil when it is well formed. Strict where the format says MUST
    /// (traceparent is lower-case hex; b3 carries its sampling state when injected).
    static func malformed(_ name: String, _ value: String) -> String? {
        let hex = Set("0123456789abcdef")
        func isHex(_ text: Substring, _ lengths: ClosedRange<Int>) -> Bool {
            lengths.contains(text.count) && text.allSatisfy(hex.contains)
        }
        switch name {
        case "traceparent":
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            if value != value.lowercased() { return "traceparent '\(value)' is not lower-case hex" }
            guard parts.count >= 4, isHex(parts[0], 2...2), parts[0] != "ff", isHex(parts[1], 32...32),
                isHex(parts[2], 16...16), isHex(parts[3], 2...2), parts[1].contains(where: { $0 != "0" }),
                parts[2].contains(where: { $0 != "0" }), parts[0] != "00" || parts.count == 4
            else { return "malformed traceparent '\(value)'" }
        case "b3":
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 1, ["0", "1", "d"].contains(value) { return nil }
            guard parts.count >= 2, parts.count <= 4, [16, 32].contains(parts[0].count), isHex(parts[0], 16...32),
                isHex(parts[1], 16...16), parts.count < 3 || ["0", "1", "d"].contains(parts[2]),
                parts.count < 4 || isHex(parts[3], 16...16)
            else { return "malformed b3 '\(value)'" }
            if parts.count == 2 { return "b3 '\(value)' has no sampling state {1|0|d}" }
        case "uber-trace-id":
            let parts = value.removingPercentEscapes.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 4, isHex(parts[0], 1...32), isHex(parts[1], 1...16), isHex(parts[2], 1...16),
                isHex(parts[3], 1...2)
            else { return "malformed uber-trace-id '\(value)'" }
        case "x-b3-traceid":
            guard isHex(Substring(value), 16...32) else { return "malformed x-b3-traceid '\(value)'" }
        case "x-b3-spanid":
            guard isHex(Substring(value), 16...16) else { return "malformed x-b3-spanid '\(value)'" }
        default:
            break
        }
        return nil
    }

    // MARK: Forwarding: what the sender received against what it sent, and against the spans it exported.

    static func forwarding(
        _ hop: RecordedHop, sender: ServiceSpec, formats: [PropagationFormat], _ observed: Observations
    ) -> [Problem] {
        guard let sent = CarriedContext.first(hop, formats) else { return [] }
        var problems: [Problem] = []
        let received = observed.incoming(sender.name)
        // What the sender could extract: its own formats (a context in another format is not its to continue).
        let matching = received.first { CarriedContext.first($0, formats)?.traceID == sent.traceID }
        let upstreamContexts = received.compactMap { CarriedContext.first($0, formats) }
        let receivedText = { (hop: RecordedHop?) in hop.map { " (received " + $0.contextText + ")" } ?? "" }
        if matching == nil, let cut = upstreamContexts.first(where: { $0.traceID.suffix(16) == sent.traceID.suffix(16) }) {
            problems.append(Problem(
                rule: "trace id width",
                text: "sent trace id \(sent.wireTraceID) for trace \(cut.traceID): the 128-bit trace id was cut to 64 bits"
                    + receivedText(received.first)))
        } else if matching == nil, !upstreamContexts.isEmpty {
            problems.append(Problem(
                rule: "new trace id",
                text: "sent trace id \(sent.traceID), which no request into \(sender.name) carried: "
                    + "\(sender.name) started a new trace id instead of continuing its parent's" + receivedText(received.first)))
        }
        if let matching, let parent = CarriedContext.first(matching, formats) {
            problems += inherited(sent: sent, hop: hop, parent: parent, parentHop: matching, sender: sender, formats: formats)
        }
        problems += againstSpans(sent, hop: hop, sender: sender.name, observed)
        return problems
    }

    /// What a hop must carry on from the request it received.
    private static func inherited(
        sent: CarriedContext, hop: RecordedHop, parent: CarriedContext, parentHop: RecordedHop, sender: ServiceSpec,
        formats: [PropagationFormat]
    ) -> [Problem] {
        var problems: [Problem] = []
        let evidence = " [received \(parentHop.contextText); sent \(hop.contextText)]"
        if let upstream = parent.sampled, let own = sent.sampled, upstream != own {
            problems.append(Problem(
                rule: "sampled flag",
                text: "sent sampled=\(own ? 1 : 0) for a request that arrived with sampled=\(upstream ? 1 : 0): "
                    + "\(sender.name) ignores the sampled flag of its parent" + evidence))
        }
        if parent.debug, parent.format == sent.format, !sent.debug {
            problems.append(Problem(rule: "debug", text: "the \(parent.format) debug flag arrived but was not sent on" + evidence))
        }
        if formats.contains(.w3c) {
            let before = parentHop.traceStateMembers
            let after = hop.traceStateMembers
            if let complaint = TraceStateRules.forwardingProblem(received: before, sent: after) {
                problems.append(Problem(rule: "tracestate", text: complaint + evidence))
            }
        }
        if sender.settings.baggage, formats.contains(.w3c) {
            let missing = parentHop.baggageMembers.union(parentHop.uberBaggage).subtracting(hop.baggageMembers)
            if !missing.isEmpty {
                problems.append(Problem(
                    rule: "baggage",
                    text: "baggage not forwarded: \(missing.sorted().joined(separator: ", ")) arrived but was not sent on" + evidence))
            }
        }
        if formats.contains(.jaeger) {
            let missing = parentHop.uberBaggage.union(parentHop.baggageMembers).subtracting(hop.uberBaggage)
            if !missing.isEmpty {
                problems.append(Problem(
                    rule: "uberctx",
                    text: "uberctx- baggage not forwarded: \(missing.sorted().joined(separator: ", ")) arrived but was not sent on" + evidence))
            }
        }
        return problems
    }

    /// The parent id a hop sends is the id of the CLIENT span it exported for that call, in the same trace.
    private static func againstSpans(
        _ sent: CarriedContext, hop: RecordedHop, sender: String, _ observed: Observations
    ) -> [Problem] {
        let own = observed.spans(of: sender, in: sent.traceID)
        if sent.wireTraceID.count <= 16, own.isEmpty,
            let full = observed.traces.keys.first(where: { $0 != sent.traceID && $0.hasSuffix(sent.traceID.suffix(16)) }),
            !observed.spans(of: sender, in: full).isEmpty
        {
            return [Problem(
                rule: "trace id width",
                text: "sent trace id \(sent.wireTraceID) for its trace \(full): the 128-bit trace id was cut to 64 bits")]
        }
        guard sent.sampled == true, !own.isEmpty else { return [] }
        if let span = own.first(where: { $0.spanID == sent.spanID }) {
            if span.kind == 2 {
                return [Problem(
                    rule: "parent id",
                    text: "sent parent id \(sent.spanID), which is \(sender)'s SERVER span '\(span.name)', not the CLIENT "
                        + "span of the outgoing call [sent \(hop.contextText)]")]
            }
            return []  // a wrong kind is the spanKinds rule's to report
        }
        let clients = own.filter { $0.kind == 3 }.map(\.spanID)
        return [Problem(
            rule: "parent id",
            text: "sent parent id \(sent.spanID), which is none of the spans \(sender) exported in trace \(sent.traceID) "
                + "(its CLIENT spans there: \(clients.isEmpty ? "none" : clients.joined(separator: ", "))) [sent \(hop.contextText)]")]
    }
}
