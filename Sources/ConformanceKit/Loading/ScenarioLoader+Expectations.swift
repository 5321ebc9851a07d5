import Yams

/// Parsing of the `expectations` section of a scenario file (docs/cello-telemetry.md section 7).
extension ScenarioLoader {
    static let expectationKeys = ExpectationEvaluator.ruleIDs
    /// Rules that judge each service on its own, so `off` can name the services it is off for.
    static let perServiceRules = ["propagation", "batching", "exportTimeout", "wire"] + ExportSettingsCheck.ruleIDs

    static func parseExpectations(_ value: YAMLValue, services: [ServiceSpec]) throws(ScenarioError) -> Expectations {
        var keys = try value.mapping(allowed: expectationKeys)
        var result = Expectations()
        // `RULE: {off: true, reason: ..., services: [...]}` turns a rule off; the rule is then not parsed further.
        for (key, item) in keys.sorted(by: { $0.key < $1.key }) {
            guard case .mapping = item.node, try item.freeMapping().contains(where: { $0.key == "off" }) else { continue }
            let fields = try item.mapping(allowed: ["off", "reason", "services"])
            let offValue = try fields.required("off", in: item)
            guard try offValue.bool() else { throw offValue.error(.invalidValue, "'off' turns a rule off: write 'off: true' or leave it out") }
            guard let reason = try fields["reason"]?.string(), !reason.isEmpty else {
                throw item.error(.missingKey, "'\(key): {off: true}' needs a 'reason' (the report prints it)")
            }
            let scope = try fields["services"].map { value throws(ScenarioError) in try parseServiceNames(value, services: services) } ?? []
            if !scope.isEmpty, !perServiceRules.contains(key) {
                throw fields["services"]!.error(
                    .invalidValue,
                    "'\(key)' judges the scenario as a whole; it is turned off for all services or none "
                        + "(per service: \(perServiceRules.joined(separator: ", ")))")
            }
            result.off[key] = RuleSwitch(reason: reason, services: scope)
            keys[key] = nil
        }
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
            let fields = try batching.mapping(allowed: ["maxBatchSize", "fullBatches", "services"])
            result.batching = BatchingExpectation(
                maxBatchSize: try fields.required("maxBatchSize", in: batching).int(min: 1),
                fullBatches: try fields["fullBatches"]?.bool() ?? true)
            result.batching?.services = try fields["services"].map { value throws(ScenarioError) in try parseServiceNames(value, services: services) } ?? []
        }
        if let timeout = keys["exportTimeout"] {
            let fields = try timeout.mapping(allowed: ["timeoutMs", "toleranceMs", "maxRequestMs", "services"])
            let scope = try fields["services"].map { value throws(ScenarioError) in try parseServiceNames(value, services: services) } ?? []
            // The timeout defaults to the one the (single) named service is configured with.
            let configured = scope.count == 1 ? services.first { $0.name == scope[0] }?.settings.exportTimeoutMs : nil
            let timeoutMs: Int
            if let given = fields["timeoutMs"] {
                timeoutMs = try given.int(min: 1)
            } else if let configured {
                timeoutMs = configured
            } else {
                timeoutMs = try fields.required("timeoutMs", in: timeout).int(min: 1)
            }
            result.exportTimeout = ExportTimeoutExpectation(
                timeoutMs: timeoutMs,
                toleranceMs: try fields["toleranceMs"]?.int(min: 0) ?? 250,
                maxRequestMs: try fields["maxRequestMs"]?.int(min: 1) ?? 1000)
            result.exportTimeout?.services = scope
        }
        if let noLoss = keys["noLoss"] {
            let fields = try noLoss.mapping(allowed: ["spansPerRequest"])
            result.noLoss = NoLossExpectation(
                spansPerRequest: try fields.required("spansPerRequest", in: noLoss).int(min: 0))
        }
        if let wire = keys["wire"] {
            let fields = try wire.mapping(allowed: ["protocol", "compression", "noViolations", "services"])
            result.wire = WireExpectation(
                exportProtocol: try fields["protocol"]?.choice(protocols),
                compression: try fields["compression"]?.choice(["gzip", "none"]),
                noViolations: try fields["noViolations"]?.bool() ?? true)
            result.wire?.services = try fields["services"].map { value throws(ScenarioError) in try parseServiceNames(value, services: services) } ?? []
        }
        if let requests = keys["requests"] {
            let fields = try requests.mapping(allowed: ["maxLatencyMs"])
            result.requests = RequestsExpectation(maxLatencyMs: try fields["maxLatencyMs"]?.int(min: 1))
        }
        if let flush = keys["shutdownFlush"] {
            let fields = try flush.mapping(allowed: ["services"])
            result.shutdownFlush = ShutdownFlushExpectation(
                services: try fields["services"].map { value throws(ScenarioError) in try parseServiceNames(value, services: services) } ?? [])
        }
        for rule in ["spanKinds", "resource", "exportOnce"] + ExportSettingsCheck.ruleIDs {
            if let item = keys[rule] {
                throw item.error(.invalidValue, "'\(rule)' is on by default; the only setting it takes is {off: true, reason: ...}")
            }
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
                let ruleFields = try item.mapping(
                    allowed: ["type", "value", "optional", "min", "max", "pattern", "spanDuration", "tolerance"])
                var rule = AttributeRule(
                    type: try ruleFields.required("type", in: item).choice(AttributeRule.typeNames),
                    value: try ruleFields["value"]?.string(), optional: try ruleFields["optional"]?.bool() ?? false)
                rule.minimum = try ruleFields["min"]?.double(min: -Double.greatestFiniteMagnitude, max: Double.greatestFiniteMagnitude)
                rule.maximum = try ruleFields["max"]?.double(min: -Double.greatestFiniteMagnitude, max: Double.greatestFiniteMagnitude)
                if let pattern = ruleFields["pattern"] {
                    let text = try pattern.string()
                    guard (try? Regex(text)) != nil else { throw pattern.error(.invalidValue, "'\(text)' is not a valid regular expression") }
                    rule.pattern = text
                }
                if let unit = ruleFields["spanDuration"] {
                    rule.spanDuration = AttributeRule.DurationUnit(
                        rawValue: try unit.choice(AttributeRule.DurationUnit.allCases.map(\.rawValue)))
                }
                rule.tolerance = try ruleFields["tolerance"]?.double(min: 0, max: 10) ?? 0.25
                if (rule.minimum != nil || rule.maximum != nil || rule.spanDuration != nil), !["int", "double"].contains(rule.type) {
                    throw item.error(.invalidValue, "min, max and spanDuration need type int or double, got \(rule.type)")
                }
                if rule.pattern != nil, rule.type != "string" { throw item.error(.invalidValue, "pattern needs type string") }
                rules[key] = rule
            }
        }
        return AttributeExpectation(span: selector, exact: try fields["exact"]?.bool() ?? true, attributes: rules)
    }

    /// A list of service names of this scenario (`services: [B]`).
    static func parseServiceNames(_ value: YAMLValue, services: [ServiceSpec]) throws(ScenarioError) -> [String] {
        let names = try value.stringList()
        for name in names where !services.contains(where: { $0.name == name }) {
            throw value.error(.invalidValue, "'\(name)' is not a service of this scenario (\(services.map(\.name).joined(separator: ", ")))")
        }
        guard !names.isEmpty else { throw value.error(.invalidValue, "expected at least one service name") }
        return names
    }
}
