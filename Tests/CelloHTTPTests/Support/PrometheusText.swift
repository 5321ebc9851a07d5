/// A strict parser of the Prometheus text exposition format 0.0.4, enough to judge `/metrics`:
/// `# HELP` / `# TYPE` lines, samples `name{label="value",...} value [timestamp]` with escaped label values, every
/// sample belonging to a family declared by a `# TYPE` line before it (histograms: `_bucket`, `_sum`, `_count`).
struct PrometheusText {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var reason: String
        var description: String { "line \(self.line): \(self.reason): \(self.text)" }
    }

    var types: [String: String] = [:]
    var samples: [Sample] = []

    init(_ text: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func fail(_ reason: String) -> ParseError { ParseError(line: number, text: String(line), reason: reason) }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count >= 3, parts[0] == "#" else { continue }  // a plain comment
                if parts[1] == "TYPE" {
                    guard parts.count == 4, Self.isMetricName(parts[2]),
                        ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3])
                    else { throw fail("bad TYPE line") }
                    guard self.types[String(parts[2])] == nil else { throw fail("family typed twice") }
                    self.types[String(parts[2])] = String(parts[3])
                } else if parts[1] == "HELP" {
                    guard Self.isMetricName(parts[2]) else { throw fail("bad HELP line") }
                }
                continue
            }
            var rest = Substring(line)
            let name = rest.prefix { $0 != "{" && $0 != " " }
            guard Self.isMetricName(name) else { throw fail("bad metric name") }
            rest = rest.dropFirst(name.count)
            var labels: [String: String] = [:]
            if rest.first == "{" {
                rest = rest.dropFirst()
                while rest.first != "}" {
                    let labelName = rest.prefix { $0 != "=" }
                    guard Self.isLabelName(labelName), rest.dropFirst(labelName.count).hasPrefix("=\"") else {
                        throw fail("bad label name")
                    }
                    rest = rest.dropFirst(labelName.count + 2)
                    var value = ""
                    var closed = false
                    while let character = rest.first {
                        rest = rest.dropFirst()
                        if character == "\\" {
                            guard let escaped = rest.first else { throw fail("dangling escape") }
                            rest = rest.dropFirst()
                            switch escaped {
                            case "\\": value.append("\\")
                            case "\"": value.append("\"")
                            case "n": value.append("\n")
                            default: throw fail("bad escape")
                            }
                        } else if character == "\"" {
                            closed = true
                            break
                        } else {
                            value.append(character)
                        }
                    }
                    guard closed, labels[String(labelName)] == nil else { throw fail("unterminated or repeated label") }
                    labels[String(labelName)] = value
                    if rest.first == "," { rest = rest.dropFirst() }
                }
                rest = rest.dropFirst()
            }
            let fields = rest.split(separator: " ")
            guard rest.first == " ", (1...2).contains(fields.count), let value = Self.number(fields[0]) else {
                throw fail("bad sample value")
            }
            if fields.count == 2, Int64(fields[1]) == nil { throw fail("bad timestamp") }
            guard self.family(of: String(name)) != nil else { throw fail("sample without a TYPE line before it") }
            self.samples.append(Sample(name: String(name), labels: labels, value: value))
        }
    }

    /// The declared family a sample name belongs to.
    func family(of name: String) -> String? {
        if self.types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if let type = self.types[base], type == "histogram" || type == "summary" { return base }
        }
        return nil
    }

    /// The value of the one sample with this name and exactly these labels.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        self.samples.first { $0.name == name && $0.labels == labels }?.value
    }

    func samples(named name: String) -> [Sample] {
        self.samples.filter { $0.name == name }
    }

    private static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    private static func isMetricName(_ text: Substring) -> Bool {
        guard let first = text.first, !first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    private static func isLabelName(_ text: Substring) -> Bool {
        guard let first = text.first, !first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
