/// Judges every expectation a scenario lists, in a fixed order, plus the implicit clean-shutdown check.
enum ExpectationEvaluator {
    static func evaluate(_ observed: Observations) -> [ExpectationResult] {
        let expectations = observed.scenario.expectations
        var results: [ExpectationResult] = []
        if let requests = expectations.requests { results.append(RequestsCheck.evaluate(requests, observed)) }
        if let shared = expectations.sharedTrace { results.append(SharedTraceCheck.evaluate(shared, observed)) }
        for attributes in expectations.attributes { results.append(AttributeCheck.evaluate(attributes, observed)) }
        if let propagation = expectations.propagation { results.append(PropagationCheck.evaluate(propagation, observed)) }
        if let sampling = expectations.sampling { results.append(SamplingCheck.evaluate(sampling, observed)) }
        if let batching = expectations.batching { results.append(BatchingCheck.evaluate(batching, observed)) }
        if let timeout = expectations.exportTimeout { results.append(ExportTimeoutCheck.evaluate(timeout, observed)) }
        if let noLoss = expectations.noLoss { results.append(NoLossCheck.evaluate(noLoss, observed)) }
        if let flush = expectations.shutdownFlush { results.append(ShutdownFlushCheck.evaluate(flush, observed)) }
        if let wire = expectations.wire { results.append(WireCheck.evaluate(wire, observed)) }
        results.append(ShutdownCheck.evaluate(observed))
        return results
    }
}
