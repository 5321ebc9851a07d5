/// Judges a scenario: every rule of the judge runs by default, on the settings the scenario gives each service;
/// an explicit expectation refines its rule, and `off: true` turns a rule off with a reason the report prints.
///
/// docs/cello-telemetry.md section 7 ("strict by default"). Rule ids, in report order: `requests`, `sharedTrace`,
/// `spanKinds`, `attributes[...]`, `propagation`, `sampling`, `batching`, `exportTimeout`, `export.protocol`,
/// `export.compression`, `export.headers`, `export.grpcTimeout`, `exportOnce`, `resource`, `noLoss`,
/// `shutdownFlush`, `wire`, `shutdown`.
enum ExpectationEvaluator {
    /// Every rule id a scenario can refine or turn off.
    static let ruleIDs = [
        "requests", "sharedTrace", "spanKinds", "attributes", "propagation", "sampling", "batching", "exportTimeout",
    ] + ExportSettingsCheck.ruleIDs + ["exportOnce", "resource", "noLoss", "shutdownFlush", "wire", "shutdown"]

    static func evaluate(_ observed: Observations) -> [ExpectationResult] {
        let expectations = observed.scenario.expectations
        var results: [ExpectationResult] = []
        // Defaults that judge received spans or exports, where the scenario means nothing to arrive.
        let spanRules: Set<String> = ["sharedTrace", "spanKinds", "resource", "exportOnce", "wire", "batching"]
        let explicit: Set<String> = [
            expectations.sharedTrace == nil ? nil : "sharedTrace", expectations.wire == nil ? nil : "wire",
            expectations.batching == nil ? nil : "batching",
        ].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
        func add(_ id: String, _ judge: () -> ExpectationResult?) {
            if let off = expectations.off[id], off.services.isEmpty {
                results.append(ExpectationResult(id: id, status: .off, summary: "turned off: \(off.reason)"))
                return
            }
            if let reason = observed.nothingStoredReason, spanRules.contains(id), !explicit.contains(id) {
                results.append(ExpectationResult(id: id, status: .notApplicable, summary: reason))
                return
            }
            if let result = judge() { results.append(result) }
        }
        add("requests") { RequestsCheck.evaluate(expectations.requests ?? RequestsExpectation(), observed) }
        add("sharedTrace") {
            expectations.sharedTrace.map { SharedTraceCheck.evaluate($0, observed) } ?? TopologyCheck.evaluate(observed)
        }
        add("spanKinds") { SpanKindCheck.evaluate(observed) }
        add("attributes") {
            for attributes in expectations.attributes { results.append(AttributeCheck.evaluate(attributes, observed)) }
            return nil
        }
        add("propagation") { PropagationCheck.evaluate(expectations.propagation, observed) }
        add("sampling") { SamplingCheck.evaluate(expectations.sampling, observed) }
        add("batching") { BatchingCheck.evaluate(expectations.batching, observed) }
        add("exportTimeout") { ExportTimeoutCheck.evaluate(expectations.exportTimeout, observed) }
        for rule in ExportSettingsCheck.ruleIDs {
            add(rule) { ExportSettingsCheck.evaluate(rule, observed) }
        }
        add("exportOnce") { ExportOnceCheck.evaluate(observed) }
        add("resource") { ResourceCheck.evaluate(observed) }
        add("noLoss") { expectations.noLoss.map { NoLossCheck.evaluate($0, observed) } }
        add("shutdownFlush") { expectations.shutdownFlush.map { ShutdownFlushCheck.evaluate($0, observed) } }
        add("wire") { WireCheck.evaluate(expectations.wire ?? WireExpectation(), observed) }
        add("shutdown") { ShutdownCheck.evaluate(observed) }
        return results
    }
}
