import Foundation

/// Finds what a topology runs: the built `demo-service`, the Python peer and its virtual environment.
///
/// `demo-service` is looked for in `CELLO_DEMO_SERVICE`, next to the running binary (`conformance` or the test
/// bundle, both in the build folder), then in `swift build --show-bin-path`.
public struct ExecutableLocator: Sendable {
    /// The package root (holds `Conformance/peers/`).
    public var root: String

    public init(root: String) { self.root = root }

    /// The root found by walking up from `path` (a scenario file or folder) to a folder with `Conformance/peers`,
    /// else from the current directory.
    public static func near(_ path: String) -> ExecutableLocator {
        let starts = [path, FileManager.default.currentDirectoryPath]
        for start in starts {
            var url = URL(fileURLWithPath: start).standardizedFileURL
            for _ in 0..<12 {
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("Conformance/peers").path) {
                    return ExecutableLocator(root: url.path)
                }
                url.deleteLastPathComponent()
            }
        }
        return ExecutableLocator(root: FileManager.default.currentDirectoryPath)
    }

    public var pythonPeerFolder: String { root + "/Conformance/peers/python" }
    public var pythonExecutable: String { pythonPeerFolder + "/.venv/bin/python" }
    public var pythonVenvExists: Bool { FileManager.default.isExecutableFile(atPath: pythonExecutable) }

    /// The `rotel-agent` binary the pinned `rotel` wheel installs in the peers' venv (or `CELLO_ROTEL_AGENT`).
    /// - Throws: ``RunnerError`` `.executableNotFound` saying how to get it.
    public func rotelAgent() throws(RunnerError) -> String {
        if let explicit = ProcessInfo.processInfo.environment["CELLO_ROTEL_AGENT"],
            FileManager.default.isExecutableFile(atPath: explicit)
        {
            return explicit
        }
        let lib = pythonPeerFolder + "/.venv/lib"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).filter { $0.hasPrefix("python") }
        for version in versions.sorted() {
            let candidate = "\(lib)/\(version)/site-packages/rotel/rotel-agent"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw RunnerError(
            code: .executableNotFound,
            message: "rotel-agent not found under \(lib)/python*/site-packages/rotel/: run scripts/setup.sh "
                + "(rotel is pinned in Conformance/peers/python/requirements.txt) or set CELLO_ROTEL_AGENT")
    }

    /// The absolute path of `demo-service`.
    /// - Throws: ``RunnerError`` `.executableNotFound` naming every place looked at.
    public func demoService() throws -> String {
        var tried: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["CELLO_DEMO_SERVICE"] {
            if FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
            tried.append(explicit)
        }
        let running = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folders = [running.deletingLastPathComponent().path]
        // A test bundle on Darwin sits inside `X.xctest/Contents/MacOS/`.
        folders.append(running.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path)
        if let binPath = Self.swiftBinPath(root: root) { folders.append(binPath) }
        for folder in folders {
            let candidate = folder + "/demo-service"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            tried.append(candidate)
        }
        throw RunnerError(
            code: .executableNotFound,
            message: "demo-service not found (run `swift build --product demo-service`); looked at \(tried.joined(separator: ", "))")
    }

    /// Resolves a bare program name through PATH.
    public static func resolve(program: String) -> String? {
        if program.contains("/") { return program }
        return searchPath(program, path: nil)
    }

    /// Resolves a scenario's program the way a shell would from `folder` (the scenario file's folder): an absolute
    /// path as it is, a path with a `/` (`./svc.sh`, `bin/svc`) from `folder`, a bare name through `path` (default:
    /// this process's PATH).
    /// - Throws: ``RunnerError`` `.executableNotFound` naming the service, the program and where it was looked for.
    public static func resolve(
        program: String, relativeTo folder: String, path: String? = nil, service: String
    ) throws(RunnerError) -> String {
        guard !program.isEmpty else {
            throw RunnerError(code: .executableNotFound, message: "\(service): the command's program is empty")
        }
        guard program.contains("/") else {
            if let found = searchPath(program, path: path) { return found }
            throw RunnerError(code: .executableNotFound, message: "\(service): '\(program)' not found on PATH")
        }
        let resolved = program.hasPrefix("/")
            ? URL(fileURLWithPath: program).standardizedFileURL.path
            : URL(fileURLWithPath: folder).appendingPathComponent(program).standardizedFileURL.path
        let from = program.hasPrefix("/") ? "" : " (a relative program is resolved from the scenario file's folder)"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder), !isFolder.boolValue else {
            throw RunnerError(
                code: .executableNotFound, message: "\(service): '\(program)' not found at \(resolved)\(from)")
        }
        guard FileManager.default.isExecutableFile(atPath: resolved) else {
            throw RunnerError(
                code: .executableNotFound,
                message: "\(service): '\(program)' at \(resolved) is not executable (chmod +x it)\(from)")
        }
        return resolved
    }

    private static func searchPath(_ program: String, path: String?) -> String? {
        let path = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func swiftBinPath(root: String) -> String? {
        guard let swift = resolve(program: "swift") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: swift)
        process.arguments = ["build", "--show-bin-path"]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
