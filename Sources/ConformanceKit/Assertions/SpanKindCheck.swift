/// Span kinds, on by default: the span a service starts for a request it receives is SERVER, the span of a call
/// it makes is CLIENT. Found through the ids on the wire (the parent id each request carried), so a span of the
/// wrong kind is reported as a wrong kind, not as a missing span. docs/cello-telemetry.md sections 3.1 and 3.2.
enum SpanKindCheck {
    static func evaluate(_ observed: Observations) -> ExpectationResult {
        var failures: [String] = []
        var checked = 0
        for service in observed.judgedServices {
            for hop in observed.incoming(service.name) {
                let context = CarriedContext.first(hop, observed.formats(of: service.name))
                let candidates: [QueriedSpan]
                if let context {
                    candidates = observed.spans(of: service.name, in: context.traceID).filter { $0.parentSpanID == context.spanID }
                } else {
                    continue  // a root: judged below from the spans without a parent
                }
                for span in candidates {
                    checked += 1
                    if span.kind != 2 {
                        failures.append(
                            "\(service.name) span '\(span.name)' \(span.spanID) handles a request from \(hop.source) but is "
                                + "\(kindName(span.kind)), expected SERVER")
                    }
                }
            }
            for hop in observed.outgoing(service.name) {
                guard let context = CarriedContext.first(hop, observed.formats(of: service.name)) else { continue }
                for span in observed.spans(of: service.name, in: context.traceID) where span.spanID == context.spanID {
                    checked += 1
                    if span.kind != 3 {
                        failures.append(
                            "\(service.name) span '\(span.name)' \(span.spanID) is its call to \(hop.target) but is "
                                + "\(kindName(span.kind)), expected CLIENT")
                    }
                }
            }
        }
        if !observed.trafficCarriesContext {
            for span in observed.spans where span.service == observed.scenario.entryService.name && span.parentSpanID == nil {
                checked += 1
                if span.kind != 2 {
                    failures.append(
                        "\(span.service) root span '\(span.name)' \(span.spanID) handles a traffic request but is "
                            + "\(kindName(span.kind)), expected SERVER")
                }
            }
        }
        var unique: [String] = []
        for failure in failures where !unique.contains(failure) { unique.append(failure) }
        if checked == 0 {
            return ExpectationResult(id: "spanKinds", status: .notApplicable, summary: "no span could be tied to a request")
        }
        return .check(
            "spanKinds", failures: unique, passed: "\(checked) spans tied to requests: SERVER for requests received, CLIENT for calls made",
            evidence: [])
    }

    static func kindName(_ kind: Int) -> String {
        ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"][safe: kind] ?? "kind \(kind)"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
