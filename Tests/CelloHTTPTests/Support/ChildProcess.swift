import Foundation
import Synchronization

/// A child process whose stdout lines and exit status arrive as async streams (no polling, no sleeps).
final class ChildProcess: Sendable {
    let stdoutLines: AsyncStream<String>
    let exitStatus: AsyncStream<Int32>
    private let process: Process
    private let stderrPipe: Pipe

    init(_ executable: URL, arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe

        let (lines, lineContinuation) = AsyncStream.makeStream(of: String.self)
        let buffer = Mutex<[UInt8]>([])
        stdoutPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                lineContinuation.finish()
                return
            }
            let complete: [String] = buffer.withLock { bytes in
                bytes.append(contentsOf: data)
                var found: [String] = []
                while let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                    found.append(String(decoding: bytes[..<newline], as: UTF8.self))
                    bytes.removeSubrange(...newline)
                }
                return found
            }
            for line in complete {
                lineContinuation.yield(line)
            }
        }
        let (exits, exitContinuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { process in
            exitContinuation.yield(process.terminationStatus)
            exitContinuation.finish()
        }
        self.process = process
        self.stderrPipe = stderrPipe
        self.stdoutLines = lines
        self.exitStatus = exits
        try process.run()
    }

    /// Sends SIGTERM.
    func terminate() {
        self.process.terminate()
    }

    /// Waits for the exit status.
    func waitForExit() async -> Int32? {
        await self.exitStatus.first { _ in true }
    }

    /// Everything the process wrote to stderr (call after it exited).
    func standardError() -> String {
        String(decoding: self.stderrPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// The built `demo-service` next to the test bundle.
    static func demoServiceBinary() -> URL? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            beside.appendingPathComponent("demo-service"),
            beside.deletingLastPathComponent().appendingPathComponent("demo-service"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
