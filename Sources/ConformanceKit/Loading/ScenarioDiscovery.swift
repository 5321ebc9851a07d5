import Foundation

/// Finds scenario files: the paths given (files or folders), or `Conformance/scenarios/` by default.
///
/// docs/cello-telemetry.md section 7 (`conformance run [PATH...] [--filter NAME]`).
public enum ScenarioDiscovery {
    /// The default folder, relative to the package root.
    public static let defaultFolder = "Conformance/scenarios"

    /// Every `.yaml`/`.yml` file under the given paths, sorted; a path that does not exist is an error.
    public static func files(in paths: [String]) throws(ScenarioError) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ScenarioError(code: .unreadable, file: path, message: "no such file or folder")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                result += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
            } else {
                result.append(path)
            }
        }
        return result
    }

    /// Loads every file and keeps the scenarios whose name contains `filter` (all when nil).
    public static func load(paths: [String], filter: String?) throws(ScenarioError) -> [Scenario] {
        var scenarios: [Scenario] = []
        for file in try files(in: paths) {
            let scenario = try ScenarioLoader.load(file: file)
            if let previous = scenarios.first(where: { $0.name == scenario.name }) {
                throw ScenarioError(
                    code: .duplicateName, file: file,
                    message: "scenario name '\(scenario.name)' is also used by \(previous.file)")
            }
            scenarios.append(scenario)
        }
        guard let filter, !filter.isEmpty else { return scenarios }
        return scenarios.filter { $0.name.contains(filter) }
    }
}
