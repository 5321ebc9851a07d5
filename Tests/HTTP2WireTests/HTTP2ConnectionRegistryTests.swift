@testable import HTTP2Wire
import NIOEmbedded
import Testing

@Suite("HTTP2ConnectionRegistry")
struct HTTP2ConnectionRegistryTests {
    @Test("admits up to maxConnections, refuses more, admits again after a close")
    func bound() {
        var registry = HTTP2ConnectionRegistry(maxConnections: 2)
        let first = registry.admit(EmbeddedChannel())
        let second = registry.admit(EmbeddedChannel())
        let third = registry.admit(EmbeddedChannel())
        #expect(first == .accepted(1))
        #expect(second == .accepted(2))
        #expect(third == .refused(3))
        #expect(registry.refusedCount == 1)
        registry.closed(1)
        #expect(registry.admit(EmbeddedChannel()) == .accepted(4))
        #expect(registry.openCount == 2)
    }

    @Test("refuses everything after shutdown and hands back the open channels")
    func shutdown() {
        var registry = HTTP2ConnectionRegistry(maxConnections: 10)
        _ = registry.admit(EmbeddedChannel())
        #expect(registry.shutDown().count == 1)
        #expect(registry.admit(EmbeddedChannel()) == .refused(2))
    }
}
