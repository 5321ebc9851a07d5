import CelloOTLP
import Foundation
import SwiftProtobuf
import Testing

@testable import FakeCollector

@Suite("HarnessAPI", .timeLimit(.minutes(1)))
struct HarnessAPITests {
    @Test("lists export requests with their metadata and findings, then forgets them on reset")
    func requestsAndReset() async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            let request = Fixtures.traceRequest(service: nil, spanCount: 2)
            _ = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces", body: try request.serializedBytes(),
                                              contentType: "application/x-protobuf", extra: [("X-Custom", "1")])
            let listed = try await HTTPTestClient.get("http://\(addresses.query)/harness/requests")
            let record = try #require((listed.json?["requests"] as? [[String: Any]])?.first)
            #expect(record["protocol"] as? String == "http/protobuf")
            #expect(record["signal"] as? String == "traces")
            #expect(record["spanCount"] as? Int == 2)
            #expect(record["end"] as? String == "answered")
            #expect(record["status"] as? String == "200")
            #expect((record["headers"] as? [String: String])?["x-custom"] == "1")
            #expect(RFC3339.parseNanos(record["arrivalTime"] as? String ?? "") != nil)
            #expect(((record["findings"] as? [[String: Any]]) ?? []).contains { $0["ruleId"] as? String == "resource.service-name" })

            let findings = try await HTTPTestClient.get("http://\(addresses.query)/harness/findings")
            let first = try #require((findings.json?["findings"] as? [[String: Any]])?.first)
            #expect(first["severity"] as? String == "violation")
            #expect(first["requestId"] as? Int == record["id"] as? Int)

            let reset = try await HTTPTestClient.send("POST", "http://\(addresses.query)/harness/reset")
            #expect(reset.status == 204)
            #expect(collector.exportRequests().isEmpty)
            #expect(collector.storeStats().spansStored == 0)
        }
    }

    @Test("sets and reads the fault plan; a bad plan is a 400 and leaves the old one")
    func faults() async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { _, addresses in
            let url = "http://\(addresses.query)/harness/faults"
            let put = try await HTTPTestClient.send("PUT", url, body: Array("http:\n  - action: status\n    httpStatus: 429\n".utf8))
            #expect(put.status == 204)
            let bad = try await HTTPTestClient.send("PUT", url, body: Array("http: [{action: nope}]".utf8))
            #expect(bad.status == 400)
            let plan = try await HTTPTestClient.get(url)
            #expect(((plan.json?["http"] as? [[String: Any]])?.first?["httpStatus"]) as? Int == 429)
            let answer = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces",
                                                       body: try Fixtures.traceRequest().serializedBytes(),
                                                       contentType: "application/x-protobuf")
            #expect(answer.status == 429)
        }
    }

    @Test("answers 404 for unknown harness endpoints and 405 for wrong methods")
    func unknown() async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { _, addresses in
            let unknown = try await HTTPTestClient.get("http://\(addresses.query)/harness/nope")
            let wrongMethod = try await HTTPTestClient.get("http://\(addresses.query)/harness/reset")
            #expect(unknown.status == 404)
            #expect(wrongMethod.status == 405)
        }
    }
}
