@testable import CelloTelemetry
import GRPCCore
import GRPCProtobuf
import Testing

@Suite("GRPCRetryInfo")
struct GRPCRetryInfoTests {
    @Test("reads the delay grpc-swift-protobuf encodes into a google.rpc.Status", arguments: [
        Duration.milliseconds(250), .seconds(3), .seconds(2) + .nanoseconds(5),
    ])
    func fromLibraryEncoding(delay: Duration) throws {
        let status = GoogleRPCStatus(
            code: .resourceExhausted, message: "slow down",
            details: .debugInfo(.init(stack: ["a"], detail: "d")), .retryInfo(delay: delay))
        let bytes: [UInt8] = try status.serializedBytes()
        #expect(GRPCRetryInfo.retryDelay(statusDetails: bytes) == delay)
    }

    @Test("is nil without a RetryInfo detail")
    func absent() throws {
        let status = GoogleRPCStatus(code: .unavailable, message: "down", details: .debugInfo(.init(stack: [], detail: "x")))
        let bytes: [UInt8] = try status.serializedBytes()
        #expect(GRPCRetryInfo.retryDelay(statusDetails: bytes) == nil)
    }

    @Test("is nil for malformed bytes", arguments: [[0x1A], [0x1A, 0x05, 0x0A], [0xFF, 0xFF, 0xFF], [0x0B]] as [[UInt8]])
    func malformed(bytes: [UInt8]) {
        #expect(GRPCRetryInfo.retryDelay(statusDetails: bytes) == nil)
    }

    @Test("a failed RPC with RetryInfo in its trailers is retried after that delay")
    func outcomeUsesTrailer() throws {
        let status = GoogleRPCStatus(code: .resourceExhausted, message: "", details: .retryInfo(delay: .milliseconds(700)))
        let error = RPCError(status)
        guard case .retry(let code, let delay) = OTLPGRPCSpanExporter.outcome(of: error) else {
            Issue.record("expected a retry")
            return
        }
        #expect(code == "8")
        #expect(delay == .milliseconds(700))
    }

    @Test("RESOURCE_EXHAUSTED without RetryInfo is rejected")
    func outcomeWithoutTrailer() {
        guard case .reject(let error) = OTLPGRPCSpanExporter.outcome(of: RPCError(code: .resourceExhausted, message: "")) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(error.code == .rejected)
        #expect(error.status == "8")
    }
}
