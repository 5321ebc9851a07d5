import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The service side of the W3C trace-context test suite (w3c/trace-context `test/`): the harness POSTs a JSON
/// array of `{"url": ..., "arguments": [...]}`; for each element the service POSTs `arguments` as JSON to `url`
/// with the current context propagated, then answers 200.
enum TraceContextTestHarness {
    struct Case: Decodable {
        var url: String
        var arguments: JSONValue
    }

    /// At most this many calls per request.
    static let maxCases = 100

    static func handle(_ request: CelloRequest) async throws -> CelloResponse {
        let cases = try request.decode([Case].self)
        guard cases.count <= self.maxCases else {
            throw HTTPError(.badRequest, message: "at most \(self.maxCases) calls per request, got \(cases.count)")
        }
        for testCase in cases {
            do {
                _ = try ClientTarget(testCase.url)
            } catch {
                throw HTTPError(.badRequest, message: error.message)
            }
        }
        let encoder = JSONEncoder()
        for testCase in cases {
            let body = Array(try encoder.encode(testCase.arguments))
            do {
                _ = try await request.client.post(testCase.url, headers: [.contentType: "application/json"], body: body)
            } catch {
                // The harness judges what it received; one unreachable callback must not stop the others.
                request.logger.warning("trace-context test call failed", metadata: ["url": "\(testCase.url)"])
            }
        }
        return CelloResponse(status: .ok)
    }
}
