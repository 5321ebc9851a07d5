import Foundation
import Testing

/// The `fake-collector` executable, run as a process (docs/cello-telemetry.md section 6, CLI).
@Suite("fake-collector command", .enabled(if: FakeCollectorBinary.url != nil, "fake-collector is not built next to the tests"),
       .timeLimit(.minutes(1)))
struct FakeCollectorCommandTests {
    struct Launched {
        var process: Process
        var lines: AsyncStream<String>
        var exitStatus: AsyncStream<Int32>
        var errors: Pipe
    }

    /// Starts the binary; stdout lines and the exit status arrive on streams.
    static func launch(_ arguments: [String]) throws -> Launched {
        let process = Process()
        process.executableURL = try #require(FakeCollectorBinary.url)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let exited = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        // A thread of its own doing blocking reads until EOF (not the cooperative pool, not a readabilityHandler:
        // its dispatch source has crashed libdispatch on Linux).
        let handle = output.fileHandleForReading
        let reader = Thread {
            let buffer = LineBuffer()
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                for line in buffer.append(data) { continuation.yield(line) }
            }
            continuation.finish()
        }
        reader.start()
        return Launched(process: process, lines: lines, exitStatus: exited.stream, errors: errors)
    }

    @Test("prints the ready line once listening, serves, and exits 0 on SIGTERM")
    func readyAndTerminate() async throws {
        let launched = try Self.launch(["--grpc-port", "0", "--http-port", "0", "--query-port", "0"])
        var iterator = launched.lines.makeAsyncIterator()
        let ready = try #require(await iterator.next())
        let match = try #require(ready.wholeMatch(of: /ready grpc=127\.0\.0\.1:(\d+) http=127\.0\.0\.1:(\d+) query=127\.0\.0\.1:(\d+)/))
        let answer = try await HTTPTestClient.get("http://127.0.0.1:\(match.3)/api/v3/services")
        #expect(answer.status == 200)
        launched.process.terminate()
        var statuses = launched.exitStatus.makeAsyncIterator()
        #expect(await statuses.next() == 0)
    }

    @Test("exits 2 with a clear message for bad flags", arguments: [["--grpc-port", "70000"], ["--bogus"], ["--max-spans", "0"]])
    func badFlags(_ arguments: [String]) async throws {
        let launched = try Self.launch(arguments)
        var statuses = launched.exitStatus.makeAsyncIterator()
        #expect(await statuses.next() == 2)
        let message = String(decoding: launched.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("Error:"))
    }
}
