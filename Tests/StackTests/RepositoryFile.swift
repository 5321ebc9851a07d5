import Foundation
import Yams

/// Files at the root of the repository, found from this source file's path (tests run from any directory).
enum RepositoryFile {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // StackTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Loads a YAML file as plain dictionaries, arrays and scalars.
    static func yaml(_ path: String) throws -> [String: Any] {
        let loaded = try Yams.load(yaml: text(path))
        guard let document = loaded as? [String: Any] else {
            throw StackCheckFailure("\(path) is not a YAML mapping")
        }
        return document
    }
}

struct StackCheckFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
