import Foundation

/// Where the `fake-collector` executable is: built by `swift build --build-tests` next to the test bundle.
enum FakeCollectorBinary {
    static var url: URL? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("fake-collector")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }
}
