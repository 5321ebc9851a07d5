import Foundation
import Testing

/// Runs a child process from async test code without blocking a cooperative thread: the exit is awaited through
/// the process's termination handler, stdout and stderr go to files read once it has exited, and the process is
/// killed past a timeout (recorded as an issue).
enum ChildProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(
        _ executable: String,
        _ arguments: [String],
        outputFolder folder: URL,
        currentDirectory: URL? = nil,
        timeout: Duration = .seconds(90)
    ) async throws -> Outcome {
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent("process-\(id).out")
        let errURL = folder.appendingPathComponent("process-\(id).err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err

        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        defer { watchdog.cancel() }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        if process.terminationReason == .uncaughtSignal, status == SIGKILL {
            Issue.record("\(executable) did not finish within \(timeout) and was killed")
        }
        return Outcome(
            status: status,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        )
    }
}
