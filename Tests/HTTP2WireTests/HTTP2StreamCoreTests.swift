@testable import HTTP2Wire
import NIOCore
import NIOEmbedded
import Testing

@Suite("HTTP2StreamCore")
struct HTTP2StreamCoreTests {
    private let loop = EmbeddedEventLoop()

    private func pull(_ core: HTTP2StreamCore, max: Int) -> (HTTP2StreamCore.Pull, [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: max)
        let result = buffer.withUnsafeMutableBytes { core.pull(into: $0) }
        if case .bytes(let count, _) = result { return (result, Array(buffer.prefix(count))) }
        return (result, [])
    }

    @Test("the data provider defers until bytes are queued, then resumes")
    func deferThenResume() {
        let core = HTTP2StreamCore(streamID: 1, eventLoop: loop)
        core.startResponse(streaming: true)
        guard case .deferred = pull(core, max: 16).0 else {
            Issue.record("expected deferred")
            return
        }
        let (_, resume) = core.queue([1, 2, 3], endStream: false)
        #expect(resume)
        let (result, bytes) = pull(core, max: 16)
        #expect(bytes == [1, 2, 3])
        guard case .bytes(3, end: nil) = result else {
            Issue.record("expected three bytes")
            return
        }
        let finished = core.takeFinishedSends()
        #expect(finished.count == 1)
        finished.forEach { $0.succeed() }
    }

    @Test("queued bytes leave in pieces no larger than nghttp2 asks, then the end with trailers")
    func piecesAndTrailers() {
        let core = HTTP2StreamCore(streamID: 1, eventLoop: loop)
        core.startResponse(streaming: true)
        _ = core.queue([1, 2, 3, 4, 5], endStream: false)
        _ = core.queue([6, 7], endStream: false)
        #expect(!core.queueTrailers([HTTP2Header("grpc-status", "0")]))
        #expect(pull(core, max: 4).1 == [1, 2, 3, 4])
        #expect(core.takeFinishedSends().isEmpty)
        let (result, bytes) = pull(core, max: 4)
        #expect(bytes == [5, 6, 7])
        guard case .bytes(3, end: .trailers(let trailers)) = result else {
            Issue.record("expected the trailers with the last bytes")
            return
        }
        #expect(trailers == [HTTP2Header("grpc-status", "0")])
        let finished = core.takeFinishedSends()
        #expect(finished.count == 2)
        finished.forEach { $0.succeed() }
        #expect(core.response == .ended)
    }

    @Test("body bytes count as unconsumed until read, and a discard gives them back")
    func bodyAccounting() throws {
        let core = HTTP2StreamCore(streamID: 1, eventLoop: loop)
        _ = [UInt8](repeating: 1, count: 10).withUnsafeBytes { core.receivedData($0) }
        #expect(core.unconsumed == 10)
        let (step, consume) = core.bodyStep()
        #expect(consume == 10)
        guard case .chunk(let bytes) = try step.wait() else {
            Issue.record("expected a chunk")
            return
        }
        #expect(bytes.count == 10)
        _ = [UInt8](repeating: 2, count: 5).withUnsafeBytes { core.receivedData($0) }
        #expect(core.discardBody() == 5)
        let (consumeNow, _) = [UInt8](repeating: 3, count: 7).withUnsafeBytes { core.receivedData($0) }
        #expect(consumeNow == 7)
    }

    @Test("finishing fails pending sends and wakes end waiters with the end")
    func finish() throws {
        let core = HTTP2StreamCore(streamID: 1, eventLoop: loop)
        core.startResponse(streaming: true)
        let (send, _) = core.queue([1], endStream: false)
        let end = core.waitForEnd()
        core.finish(.peerReset(8)).forEach { $0() }
        #expect(try end.wait() == .peerReset(8))
        #expect(throws: HTTP2WireError(code: .streamReset, message: "")) { try send.futureResult.wait() }
        #expect(try core.waitForEnd().wait() == .peerReset(8))
    }
}
