@testable import CelloTelemetry
import Testing

@Suite("RetryableStatus")
struct RetryableStatusTests {
    @Test("retries exactly the gRPC codes OTLP allows", arguments: 0...16)
    func grpcCodes(code: Int) {
        let retryable: Set<Int> = [1, 4, 10, 11, 14, 15]
        #expect(RetryableStatus.isRetryable(grpcCode: code, hasRetryInfo: false) == retryable.contains(code))
    }

    @Test("retries RESOURCE_EXHAUSTED only with RetryInfo")
    func resourceExhausted() {
        #expect(!RetryableStatus.isRetryable(grpcCode: 8, hasRetryInfo: false))
        #expect(RetryableStatus.isRetryable(grpcCode: 8, hasRetryInfo: true))
        #expect(!RetryableStatus.isRetryable(grpcCode: 3, hasRetryInfo: true))
    }

    @Test("retries HTTP 429, 502, 503 and 504 only", arguments: [200, 400, 401, 403, 404, 408, 413, 429, 500, 501, 502, 503, 504, 505])
    func httpStatuses(status: Int) {
        #expect(RetryableStatus.isRetryable(httpStatus: status) == [429, 502, 503, 504].contains(status))
    }
}
