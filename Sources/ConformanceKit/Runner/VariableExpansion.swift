import Foundation

/// Expands `${NAME}` in scenario values (an external service's `url`) from the runner's environment.
///
/// The compose runner gets the services' URLs as CELLO_E2E_A_URL etc.; expanded at run time, so the files
/// load (and are checked) without them.
enum VariableExpansion {
    /// The text with every `${NAME}` replaced.
    /// - Throws: ``RunnerError`` `.launchFailed` naming the variable when one is unset or empty.
    static func expand(_ text: String, environment: [String: String]) throws(RunnerError) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw RunnerError(code: .launchFailed, message: "unterminated ${ in '\(text)'")
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = environment[name], !value.isEmpty else {
                throw RunnerError(code: .launchFailed, message: "'\(text)' needs the environment variable \(name), which is not set")
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
