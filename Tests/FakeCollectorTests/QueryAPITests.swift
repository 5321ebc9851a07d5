import CelloOTLP
import Foundation
import SwiftProtobuf
import Testing

@testable import FakeCollector

@Suite("QueryAPI", .timeLimit(.minutes(1)))
struct QueryAPITests {
    static let start: UInt64 = 1_763_000_000_000_000_000  // 2025-11-13T02:13:20Z
    static let window = "query.startTimeMin=2025-11-13T02:00:00Z&query.startTimeMax=2025-11-13T03:00:00Z"

    /// Runs a collector holding two traces of "alpha" and one of "beta", all inside `window`.
    static func withData(_ body: (FakeCollector, FakeCollectorAddresses, [String]) async throws -> Void) async throws {
        try await FakeCollector.withRunning(configuration: Fixtures.configuration()) { collector, addresses in
            var ids: [String] = []
            for (service, offset) in [("alpha", 0), ("alpha", 1000), ("beta", 2000)] {
                let request = Fixtures.traceRequest(service: service, spanCount: 2, startNanos: start + UInt64(offset))
                ids.append(HexID.encode(request.resourceSpans[0].scopeSpans[0].spans[0].traceID))
                let answer = try await HTTPTestClient.post("http://\(addresses.http)/v1/traces",
                                                           body: try request.serializedBytes(),
                                                           contentType: "application/x-protobuf")
                #expect(answer.status == 200)
            }
            try await body(collector, addresses, ids)
        }
    }

    @Test("searches by service within the time window and returns the spans of every matching trace in one result")
    func search() async throws {
        try await Self.withData { _, addresses, ids in
            let answer = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces?query.serviceName=alpha&\(Self.window)")
            #expect(answer.status == 200)
            let spans = try QueryBody.spans(answer.body)
            #expect(spans.count == 4)
            #expect(Set(spans.map { HexID.encode($0.traceID) }) == Set(ids[0...1]))
        }
    }

    @Test("accepts the snake_case aliases and searchDepth")
    func aliases() async throws {
        try await Self.withData { _, addresses, _ in
            let url = "http://\(addresses.query)/api/v3/traces?query.service_name=alpha"
                + "&query.start_time_min=2025-11-13T02:00:00Z&query.start_time_max=2025-11-13T03:00:00%2B00:00"
                + "&query.search_depth=1"
            let answer = try await HTTPTestClient.get(url)
            #expect(answer.status == 200)
            #expect(Set(try QueryBody.spans(answer.body).map(\.traceID)).count == 1)
        }
    }

    @Test("filters by query.attributes and answers 404 with Jaeger's body when nothing matches")
    func attributesAndNotFound() async throws {
        try await Self.withData { _, addresses, _ in
            let match = #"{"http.route":"/root"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces?query.serviceName=beta&\(Self.window)&query.attributes=\(match)")
            #expect(found.status == 200)
            let miss = #"{"http.route":"/nope"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let missing = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces?query.serviceName=beta&\(Self.window)&query.attributes=\(miss)")
            #expect(missing.status == 404)
            let error = missing.json?["error"] as? [String: Any]
            #expect(error?["httpCode"] as? Int == 404)
            #expect(error?["message"] as? String == "No traces found")
            let unknownTrace = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces/\(String(repeating: "ab", count: 16))")
            #expect(unknownTrace.status == 404)
        }
    }

    @Test("rejects searches without both RFC 3339 times or with bad parameters", arguments: [
        "query.serviceName=alpha",
        "query.serviceName=alpha&query.startTimeMin=2025-11-13T02:00:00Z",
        "query.serviceName=alpha&query.startTimeMin=yesterday&query.startTimeMax=2025-11-13T03:00:00Z",
        "query.serviceName=alpha&query.startTimeMin=2025-11-13T04:00:00Z&query.startTimeMax=2025-11-13T03:00:00Z",
        "query.serviceName=alpha&\(QueryAPITests.window)&query.searchDepth=-1",
        "query.serviceName=alpha&\(QueryAPITests.window)&query.attributes=notjson",
    ])
    func badParameters(_ query: String) async throws {
        try await Self.withData { _, addresses, _ in
            let answer = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces?\(query)")
            #expect(answer.status == 400)
            #expect((answer.json?["error"] as? [String: Any])?["httpCode"] as? Int == 400)
        }
    }

    @Test("rejects a trace id that is not 32 hex characters")
    func badTraceID() async throws {
        try await Self.withData { _, addresses, _ in
            let answer = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/traces/xyz")
            #expect(answer.status == 400)
        }
    }

    @Test("lists services and a service's operations with their span kinds")
    func servicesAndOperations() async throws {
        try await Self.withData { _, addresses, _ in
            let services = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/services")
            #expect(services.json?["services"] as? [String] == ["alpha", "beta"])
            let operations = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/operations?service=alpha")
            let list = operations.json?["operations"] as? [[String: String]]
            #expect(list == [["name": "child1", "spanKind": "client"], ["name": "root", "spanKind": "server"]])
            let answer = try await HTTPTestClient.get("http://\(addresses.query)/api/v3/operations")
            #expect(answer.status == 400)
        }
    }
}
