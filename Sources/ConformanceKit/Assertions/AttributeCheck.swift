/// The exact attribute set of the spans a selector picks: names, value types and fixed values.
/// cello-telemetry.md sections 3 and 7.
enum AttributeCheck {
    static func evaluate(_ expectation: AttributeExpectation, _ observed: Observations) -> ExpectationResult {
        let id = "attributes[\(expectation.span)]"
        let spans = observed.spans.filter { $0.matches(expectation.span) }
        guard let sample = spans.first else {
            return ExpectationResult(id: id, status: .failed, summary: "no '\(expectation.span)' span was received")
        }
        var failures: [String] = []
        var seen: Set<String> = []
        for span in spans {
            for problem in problems(span, expectation) where seen.insert(problem).inserted {
                failures.append("span \(span.spanID) '\(span.name)': \(problem)")
            }
        }
        let actual = sample.attributes.keys.sorted().map { "\($0): \(sample.attributes[$0]!.typeName) = \(sample.attributes[$0]!)" }
        return .check(
            id, failures: failures,
            passed: "\(spans.count) spans, each with exactly the expected attribute set (\(expectation.attributes.count) names)",
            evidence: ["span \(sample.spanID) '\(sample.name)' has: " + actual.joined(separator: ", ")])
    }

    static func problems(_ span: QueriedSpan, _ expectation: AttributeExpectation) -> [String] {
        var problems: [String] = []
        for (name, rule) in expectation.attributes.sorted(by: { $0.key < $1.key }) {
            guard let value = span.attributes[name] else {
                if rule.optional { continue }
                problems.append("missing attribute \(name) (\(rule.type))")
                continue
            }
            if value.typeName != rule.type {
                problems.append("\(name) is \(value.typeName) '\(value)', expected \(rule.type)")
            } else if let expected = rule.value, expected != value.description {
                problems.append("\(name) is '\(value)', expected '\(expected)'")
            }
        }
        if expectation.exact {
            for name in span.attributes.keys.sorted() where expectation.attributes[name] == nil {
                problems.append("unexpected attribute \(name) = \(span.attributes[name]!)")
            }
        }
        return problems
    }
}
