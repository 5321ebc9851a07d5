import Foundation

/// Expands `${NAME}` in scenario values from the runner's environment: an external service's `url`, and a
/// `command` service's arguments and `env` values (docs/cello-telemetry.md section 7).
///
/// The compose runner gets the services' URLs as CELLO_E2E_A_URL etc.; expanded at run time, so the files
/// load (and are checked) without them.
enum VariableExpansion {
    /// The text with every `${NAME}` replaced.
    /// - Parameter context: what the text is, for the error (e.g. `A: command argument 2`).
    /// - Throws: ``RunnerError`` `.launchFailed` naming the variable (and `context`) when one is unset or empty,
    ///   or a `${` is not closed.
    static func expand(
        _ text: String, environment: [String: String], context: String? = nil
    ) throws(RunnerError) -> String {
        let quoted = (context.map { "\($0) " } ?? "") + "'\(text)'"
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw RunnerError(code: .launchFailed, message: "\(quoted) has an unterminated ${")
            }
            let name = String(rest[open.upperBound..<close])
            guard !name.isEmpty else {
                throw RunnerError(code: .launchFailed, message: "\(quoted) has an empty ${}")
            }
            guard let value = environment[name] else {
                throw RunnerError(
                    code: .launchFailed,
                    message: "\(quoted) needs the environment variable \(name), which is not set")
            }
            guard !value.isEmpty else {
                throw RunnerError(
                    code: .launchFailed,
                    message: "\(quoted) needs the environment variable \(name), which is empty")
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
