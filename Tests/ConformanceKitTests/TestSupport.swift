import ConformanceKit
import Foundation
import Testing

/// Paths and environment shared by the ConformanceKit tests.
enum TestSupport {
    /// The package root, from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let scenarioFolder = root + "/Conformance/scenarios"
    static let e2eFolder = root + "/Conformance/scenarios/e2e"
    static let locator = ExecutableLocator(root: root)

    /// Python scenarios run when the venv exists, and always on CI (where a missing venv must fail loudly).
    static let pythonEnabled = locator.pythonVenvExists || ProcessInfo.processInfo.environment["CI"] == "true"
    static let pythonSkipReason: Comment =
        "needs Conformance/peers/python/.venv: run scripts/setup.sh (always runs when CI=true)"

    /// Every scenario file name, split by whether it needs the peers' venv (the Python peer, or rotel from it).
    static func scenarioFiles(python: Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenarioFolder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().filter { name in
            let text = (try? String(contentsOfFile: scenarioFolder + "/" + name, encoding: .utf8)) ?? ""
            return (text.contains("kind: python") || text.contains("via: rotel")) == python
        }
    }

    /// The built `conformance` executable (next to the test bundle in the build folder).
    static var conformanceBinary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("conformance").path
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "scenario.yaml") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
