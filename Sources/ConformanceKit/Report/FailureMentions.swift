/// The trace and span ids a scenario's failed expectations mention (in their summary or evidence): which traces
/// the HTML report shows first and which span rows it highlights.
struct FailureMentions {
    /// Per failed expectation (by its index in the result's expectations), the 16-hex ids it mentions, in order.
    var spanIDsByExpectation: [Int: [String]] = [:]
    /// Every 16-hex id a failed expectation mentions.
    var spanIDs: Set<String> = []
    /// Every 32-hex id a failed expectation mentions.
    var traceIDs: Set<String> = []

    init(_ expectations: [ExpectationResult]) {
        for (index, expectation) in expectations.enumerated() where expectation.status == .failed {
            var ordered: [String] = []
            for text in [expectation.summary] + expectation.evidence {
                for token in Self.hexTokens(text) {
                    if token.count == 32 {
                        traceIDs.insert(token)
                    } else if !ordered.contains(token) {
                        ordered.append(token)
                    }
                }
            }
            spanIDsByExpectation[index] = ordered
            spanIDs.formUnion(ordered)
        }
    }

    /// Whether a failed expectation mentions the trace: its id, or the id of one of its spans.
    func mentions(trace spans: [QueriedSpan]) -> Bool {
        guard let first = spans.first else { return false }
        return traceIDs.contains(first.traceID.lowercased())
            || spans.contains { spanIDs.contains($0.spanID.lowercased()) }
    }

    /// The words of `text` (runs of letters and digits) that are all hex and 16 or 32 long, lower-cased: a span id
    /// or a trace id; a 16-hex run inside a longer word is no id.
    static func hexTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        var allHex = true
        func flush() {
            if allHex, word.count == 16 || word.count == 32 { tokens.append(word.lowercased()) }
            word = ""
            allHex = true
        }
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber {
                word.append(character)
                if !character.isHexDigit { allHex = false }
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }
}
