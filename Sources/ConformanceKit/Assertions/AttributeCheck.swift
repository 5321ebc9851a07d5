/// The exact attribute set of the spans a selector picks: names, value types and fixed values.
/// docs/cello-telemetry.md sections 3 and 7.
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
            } else if let problem = relation(name, value, rule, span) {
                problems.append(problem)
            }
        }
        if expectation.exact {
            for name in span.attributes.keys.sorted() where expectation.attributes[name] == nil {
                problems.append("unexpected attribute \(name) = \(span.attributes[name]!)")
            }
        }
        return problems
    }

    /// Ranges, patterns and the relation to the span's own duration.
    static func relation(_ name: String, _ value: AttributeValue, _ rule: AttributeRule, _ span: QueriedSpan) -> String? {
        let number: Double? =
            switch value {
            case .int(let int): Double(int)
            case .double(let double): double
            default: nil
            }
        if let number {
            if let minimum = rule.minimum, number < minimum { return "\(name) is \(value), below the minimum \(minimum)" }
            if let maximum = rule.maximum, number > maximum { return "\(name) is \(value), above the maximum \(maximum)" }
            if let unit = rule.spanDuration {
                // Off by more than the tolerance plus 5 ms of scheduling jitter between the two clocks' readings,
                // or by a factor of 100 either way (a unit mistake, visible even on a sub-millisecond span).
                let own = Double(span.endNanos &- span.startNanos) / unit.nanoseconds
                let slack = own * rule.tolerance + 5e6 / unit.nanoseconds
                let ratio = number / max(own, 1e-12)
                let unitMistake = own * unit.nanoseconds >= 50_000 && (ratio > 100 || ratio < 0.01)
                if abs(number - own) > slack || unitMistake {
                    return "\(name) is \(value) \(unit.rawValue), but the span itself lasted \(ExportTimeoutCheck.format(own)) "
                        + "\(unit.rawValue) (off by \(ExportTimeoutCheck.format(number / max(own, 1e-9)))x)"
                }
            }
        }
        if let pattern = rule.pattern, case .string(let text) = value {
            guard let regex = try? Regex(pattern), (try? regex.wholeMatch(in: text)) != nil else {
                return "\(name) is '\(text)', which does not match /\(pattern)/"
            }
        }
        return nil
    }
}
