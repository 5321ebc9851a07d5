import Yams

/// A YAML node with the file it came from and its dotted path, so every refusal can say where and what was expected.
///
/// Built on Yams' `Node` API because it keeps each node's `Mark` (line and column).
/// Section 7 of docs/cello-telemetry.md.
struct YAMLValue {
    let node: Node
    let file: String
    let path: String

    var line: Int? { node.mark?.line }
    var column: Int? { node.mark?.column }

    func error(_ code: ScenarioError.Code, _ message: String) -> ScenarioError {
        ScenarioError(code: code, file: file, line: line, column: column, message: "\(path): \(message)")
    }

    private var found: String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
    }

    /// The keys of a mapping; any key outside `allowed` is refused with its own line.
    func mapping(allowed: [String]) throws(ScenarioError) -> [String: YAMLValue] {
        guard case .mapping(let mapping) = node else {
            throw error(.wrongType, "expected a mapping with keys \(allowed.joined(separator: ", ")), found \(found)")
        }
        var result: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            let keyValue = YAMLValue(node: keyNode, file: file, path: path)
            guard case .scalar(let scalar) = keyNode else {
                throw keyValue.error(.wrongType, "expected a text key, found \(keyValue.found)")
            }
            let key = scalar.string
            guard allowed.contains(key) else {
                throw keyValue.error(
                    .unknownKey, "unknown key '\(key)', expected one of: \(allowed.joined(separator: ", "))")
            }
            guard result[key] == nil else { throw keyValue.error(.invalidValue, "key '\(key)' appears twice") }
            result[key] = YAMLValue(node: valueNode, file: file, path: path.isEmpty ? key : "\(path).\(key)")
        }
        return result
    }

    /// A mapping whose keys are free (environment variables, attribute names).
    func freeMapping() throws(ScenarioError) -> [(key: String, value: YAMLValue)] {
        guard case .mapping(let mapping) = node else { throw error(.wrongType, "expected a mapping, found \(found)") }
        var result: [(key: String, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw YAMLValue(node: keyNode, file: file, path: path).error(.wrongType, "expected a text key")
            }
            result.append((scalar.string, YAMLValue(node: valueNode, file: file, path: "\(path).\(scalar.string)")))
        }
        return result
    }

    func list() throws(ScenarioError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw error(.wrongType, "expected a list, found \(found)") }
        return sequence.enumerated().map { YAMLValue(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    /// A list of text, or one text value standing for a list of one.
    func stringList() throws(ScenarioError) -> [String] {
        if case .scalar = node { return [try string()] }
        var result: [String] = []
        for item in try list() { result.append(try item.string()) }
        return result
    }

    func string() throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node else { throw error(.wrongType, "expected text, found \(found)") }
        return scalar.string
    }

    func int(min: Int = Int.min, max: Int = Int.max) throws(ScenarioError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error(.wrongType, "expected a whole number, found \(found)")
        }
        guard value >= min, value <= max else {
            let range = max == Int.max ? "at least \(min)" : "within \(min)...\(max)"
            throw error(.invalidValue, "must be \(range), got \(value)")
        }
        return value
    }

    func double(min: Double, max: Double) throws(ScenarioError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            throw error(.wrongType, "expected a number, found \(found)")
        }
        guard value >= min, value <= max else { throw error(.invalidValue, "must be within \(min)...\(max), got \(value)") }
        return value
    }

    func bool() throws(ScenarioError) -> Bool {
        guard case .scalar(let scalar) = node else { throw error(.wrongType, "expected true or false, found \(found)") }
        switch scalar.string {
        case "true", "True", "yes": return true
        case "false", "False", "no": return false
        default: throw error(.wrongType, "expected true or false, found \(found)")
        }
    }

    /// One of `choices`.
    func choice(_ choices: [String]) throws(ScenarioError) -> String {
        let value = try string()
        guard choices.contains(value) else {
            throw error(.invalidValue, "'\(value)' is not one of: \(choices.joined(separator: ", "))")
        }
        return value
    }
}

extension [String: YAMLValue] {
    func required(_ key: String, in parent: YAMLValue) throws(ScenarioError) -> YAMLValue {
        guard let value = self[key] else { throw parent.error(.missingKey, "missing required key '\(key)'") }
        return value
    }
}
