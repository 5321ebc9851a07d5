import Foundation
import Testing

@testable import FakeCollector

@Suite("GoogleRPCStatus")
struct GoogleRPCStatusTests {
    @Test("encodes code and message as protobuf fields 1 and 2")
    func protobuf() {
        let status = GoogleRPCStatus(code: 3, message: "bad")
        #expect(status.protobuf == [0x08, 0x03, 0x12, 0x03] + Array("bad".utf8))
    }

    @Test("packs RetryInfo's delay into details as an Any")
    func retryInfo() {
        let bytes = GoogleRPCStatus(code: 14, message: "", retryDelayMs: 1500).protobuf
        let typeURL = Array("type.googleapis.com/google.rpc.RetryInfo".utf8)
        // Duration{seconds: 1, nanos: 500_000_000} inside RetryInfo{retry_delay = 1} inside Any{value = 2}.
        let duration: [UInt8] = [0x08, 0x01, 0x10, 0x80, 0xCA, 0xB5, 0xEE, 0x01]
        let retryInfo: [UInt8] = [0x0A, UInt8(duration.count)] + duration
        let any: [UInt8] = [0x0A, UInt8(typeURL.count)] + typeURL + [0x12, UInt8(retryInfo.count)] + retryInfo
        #expect(bytes == [0x08, 14, 0x1A, UInt8(any.count)] + any)
    }

    @Test("encodes proto3 JSON")
    func json() throws {
        let object = try JSONSerialization.jsonObject(with: Data(GoogleRPCStatus(code: 3, message: "x").json)) as? [String: Any]
        #expect(object?["code"] as? Int == 3)
        #expect(object?["message"] as? String == "x")
    }
}
