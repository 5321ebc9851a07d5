import Yams

/// Parsing of the `expectations` section of a scenario file (cello-telemetry.md section 7).
extension ScenarioLoader {
    static let expectationKeys = [
        "sharedTrace", "attributes", "propagation", "sampling", "batching", "exportTimeout", "noLoss", "wire",
        "requests", "shutdownFlush",
    ]

    static func parseExpectations(_ value: YAMLValue, services: [ServiceSpec]) throws(ScenarioError) -> Expectations {
        let keys = try value.mapping(allowed: expectationKeys)
        var result = Expectations()
        if let shared = keys["sharedTrace"] {
            let fields = try shared.mapping(allowed: ["chain"])
            let chainValue = try fields.required("chain", in: shared)
            var chain: [SpanSelector] = []
            for item in try chainValue.list() { chain.append(try parseSelector(item, services: services)) }
            guard !chain.isEmpty else { throw chainValue.error(.invalidValue, "expected at least one span") }
            result.sharedTrace = SharedTraceExpectation(chain: chain)
        }
        if let attributes = keys["attributes"] {
            for item in try attributes.list() { result.attributes.append(try parseAttributes(item, services: services)) }
        }
        if let propagation = keys["propagation"] {
            let fields = try propagation.mapping(allowed: ["format"])
            let formatValue = try fields.required("format", in: propagation)
            let text = try formatValue.string()
            guard let format = PropagationFormat(name: text) else {
                throw formatValue.error(
                    .invalidValue, "unknown format '\(text)', expected one of: \(PropagationFormat.allNames.joined(separator: ", "))")
            }
            result.propagation = PropagationExpectation(format: format)
        }
        if let sampling = keys["sampling"] {
            let fields = try sampling.mapping(allowed: ["rate"])
            result.sampling = SamplingExpectation(rate: try fields.required("rate", in: sampling).double(min: 0, max: 1))
        }
        if let batching = keys["batching"] {
            let fields = try batching.mapping(allowed: ["maxBatchSize", "fullBatches"])
            result.batching = BatchingExpectation(
                maxBatchSize: try fields.required("maxBatchSize", in: batching).int(min: 1),
                fullBatches: try fields["fullBatches"]?.bool() ?? true)
        }
        if let timeout = keys["exportTimeout"] {
            let fields = try timeout.mapping(allowed: ["timeoutMs", "toleranceMs", "maxRequestMs"])
            result.exportTimeout = ExportTimeoutExpectation(
                timeoutMs: try fields.required("timeoutMs", in: timeout).int(min: 1),
                toleranceMs: try fields["toleranceMs"]?.int(min: 0) ?? 250,
                maxRequestMs: try fields["maxRequestMs"]?.int(min: 1) ?? 1000)
        }
        if let noLoss = keys["noLoss"] {
            let fields = try noLoss.mapping(allowed: ["spansPerRequest"])
            result.noLoss = NoLossExpectation(
                spansPerRequest: try fields.required("spansPerRequest", in: noLoss).int(min: 0))
        }
        if let wire = keys["wire"] {
            let fields = try wire.mapping(allowed: ["protocol", "compression", "noViolations"])
            result.wire = WireExpectation(
                exportProtocol: try fields["protocol"]?.choice(protocols),
                compression: try fields["compression"]?.choice(["gzip", "none"]),
                noViolations: try fields["noViolations"]?.bool() ?? true)
        }
        if let requests = keys["requests"] {
            let fields = try requests.mapping(allowed: ["maxLatencyMs"])
            result.requests = RequestsExpectation(maxLatencyMs: try fields["maxLatencyMs"]?.int(min: 1))
        }
        if let flush = keys["shutdownFlush"] {
            _ = try flush.mapping(allowed: [])
            result.shutdownFlush = ShutdownFlushExpectation()
        }
        return result
    }

    /// `"B client"` or `{service: B, kind: client, name: "GET"}`.
    static func parseSelector(_ value: YAMLValue, services: [ServiceSpec]) throws(ScenarioError) -> SpanSelector {
        let serviceName: String
        let kindName: String
        var name: String?
        if case .scalar = value.node {
            let parts = try value.string().split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw value.error(.invalidValue, "expected 'SERVICE KIND' such as 'A server', got '\(parts.joined(separator: " "))'")
            }
            serviceName = parts[0]
            kindName = parts[1]
        } else {
            let fields = try value.mapping(allowed: ["service", "kind", "name"])
            serviceName = try fields.required("service", in: value).string()
            kindName = try fields.required("kind", in: value).string()
            name = try fields["name"]?.string()
        }
        guard services.contains(where: { $0.name == serviceName }) else {
            throw value.error(.invalidValue, "'\(serviceName)' is not a service of this scenario")
        }
        guard let kind = SpanSelector.kindNames[kindName] else {
            throw value.error(
                .invalidValue, "unknown span kind '\(kindName)', expected one of: \(SpanSelector.kindNames.keys.sorted().joined(separator: ", "))")
        }
        return SpanSelector(service: serviceName, kind: kind, name: name)
    }

    static func parseAttributes(_ value: YAMLValue, services: [ServiceSpec]) throws(ScenarioError) -> AttributeExpectation {
        let fields = try value.mapping(allowed: ["span", "exact", "attributes"])
        let selector = try parseSelector(fields.required("span", in: value), services: services)
        var rules: [String: AttributeRule] = [:]
        for (key, item) in try fields.required("attributes", in: value).freeMapping() {
            if case .scalar = item.node {
                rules[key] = AttributeRule(type: try item.choice(AttributeRule.typeNames))
            } else {
                let ruleFields = try item.mapping(allowed: ["type", "value", "optional"])
                rules[key] = AttributeRule(
                    type: try ruleFields.required("type", in: item).choice(AttributeRule.typeNames),
                    value: try ruleFields["value"]?.string(), optional: try ruleFields["optional"]?.bool() ?? false)
            }
        }
        return AttributeExpectation(span: selector, exact: try fields["exact"]?.bool() ?? true, attributes: rules)
    }
}
