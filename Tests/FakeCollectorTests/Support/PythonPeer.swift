import Foundation

/// The Python OpenTelemetry peers' venv (`Conformance/peers/python/.venv`, made by `scripts/setup.sh`) and a way to run
/// one of its scripts without blocking a thread of the cooperative pool.
enum PythonPeer {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Conformance/peers/python")

    static var python: URL { directory.appendingPathComponent(".venv/bin/python") }

    static var venvExists: Bool { FileManager.default.isExecutableFile(atPath: python.path) }

    /// In CI the Python tests must run (and fail when the venv is missing); elsewhere only when the venv exists.
    static var shouldRun: Bool { venvExists || ProcessInfo.processInfo.environment["CI"] == "true" }

    struct Outcome: Sendable {
        var status: Int32
        var standardError: String
    }

    /// Runs `script` from the peers' folder with only `environment` plus PATH/HOME (no inherited OTEL_* or proxy
    /// variables) and returns its exit status and standard error once it exits (terminationHandler, no wait on a thread).
    static func run(_ script: String, arguments: [String] = [], environment: [String: String]) async throws -> Outcome {
        let process = Process()
        process.executableURL = python
        process.arguments = [directory.appendingPathComponent(script).path] + arguments
        var base: [String: String] = ["NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"]
        for name in ["PATH", "HOME", "LANG"] {
            if let value = ProcessInfo.processInfo.environment[name] { base[name] = value }
        }
        process.environment = base.merging(environment) { $1 }
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("python-peer-\(UUID().uuidString).stderr")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errorFile.path])
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try? errorHandle.close()
        let text = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Outcome(status: status, standardError: text)
    }
}
