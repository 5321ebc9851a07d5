import Foundation
import Testing

@testable import FakeCollector

@Suite("FakeCollector", .timeLimit(.minutes(1)))
struct FakeCollectorTests {
    @Test("binds 127.0.0.1 on three distinct free ports when asked for port 0")
    func listening() async throws {
        let addresses = try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let again = try await collector.listening()
            #expect(again == addresses)
            return addresses
        }
        let all = [addresses.grpc, addresses.http, addresses.query]
        #expect(all.allSatisfy { $0.hasPrefix("127.0.0.1:") && !$0.hasSuffix(":0") })
        #expect(Set(all).count == 3)
    }

    @Test("fails listening() with bindFailed when a port is taken")
    func bindFailure() async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { _, addresses in
            var configuration = Fixtures.configuration()
            configuration.httpPort = Int(addresses.http.split(separator: ":")[1])!
            await #expect(throws: (any Error).self) {
                try await FakeCollector.withRunning(configuration: configuration) { _, _ in }
            }
        }
    }

    @Test("listening() on a collector that never runs ends with CancellationError when its task is cancelled")
    func listeningCancelled() async {
        let collector = FakeCollector(configuration: Fixtures.configuration())
        await #expect(throws: CancellationError.self) {
            try await withThrowingTaskGroup(of: FakeCollectorAddresses.self) { group in
                group.addTask { try await collector.listening() }
                group.cancelAll()
                return try await group.next()
            }
        }
    }
}
