import ArgumentParser
import Foundation

/// `conformance`: run scenarios, verify third-party exporters (docs/cello-telemetry.md section 7).
/// Exit codes: 0 all passed / clean, 1 a scenario failed / a violation found, 2 bad input.
@main
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Runs OpenTelemetry conformance scenarios and verifies exporters against a fake collector.",
        subcommands: [RunCommand.self, VerifyExporterCommand.self])

    /// ArgumentParser exits 64 on a usage error; the contract says 2 for every kind of bad input.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help and friends
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            // Usage errors are bad input (2); anything else that escaped a command is a failure (1).
            Foundation.exit(code == .validationFailure ? 2 : 1)
        }
    }
}

/// Writes text to a file or stdout.
func emit(_ text: String, to output: String?) throws {
    if let output {
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw BadInput("cannot write \(output): \(error)")
        }
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Bad input: the message goes to stderr and the exit code is 2.
struct BadInput: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func failBadInput(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("conformance: \(message)\n".utf8))
    return ExitCode(2)
}

var standardErrorIsTerminal: Bool { isatty(2) == 1 }
var standardOutputIsTerminal: Bool { isatty(1) == 1 }
