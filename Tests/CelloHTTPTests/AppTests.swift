import CelloHTTP
import NIOHTTP1
import Testing

@Suite("App")
struct AppTests {
    struct Item: Codable, Equatable {
        var name: String
        var count: Int
    }

    @Test("routes by method and template, passes parameters and JSON bodies, answers Encodable values as JSON")
    func routes() async throws {
        let app = App(host: "127.0.0.1", port: 0)
        app.get("/items/{id}") { request in ["id": request.params["id"] ?? "", "query": request.query ?? ""] }
        app.post("/items") { request in
            let item = try request.decode(Item.self)
            return try CelloResponse.json(Item(name: item.name.uppercased(), count: item.count + 1), status: .created)
        }
        app.put("/items/{id}") { request in CelloResponse.text("put \(request.params["id"] ?? "")") }
        app.delete("/items/{id}") { _ in CelloResponse(status: .noContent) }
        try await app.withRunning { address in
            let base = address.baseURL
            let got = try await TestHTTP.send(base + "/items/7?x=1")
            #expect(got.status == 200)
            #expect(got.headers.first(name: "content-type") == "application/json; charset=utf-8")
            #expect(got.text == #"{"id":"7","query":"x=1"}"#)

            let created = try await TestHTTP.send(base + "/items", method: "POST", body: Array(#"{"name":"ab","count":1}"#.utf8))
            #expect(created.status == 201)
            #expect(created.text == #"{"count":2,"name":"AB"}"#)

            let bad = try await TestHTTP.send(base + "/items", method: "POST", body: Array("not json".utf8))
            #expect(bad.status == 400)

            #expect(try await TestHTTP.send(base + "/items/3", method: "PUT").text == "put 3")
            #expect(try await TestHTTP.send(base + "/items/3", method: "DELETE").status == 204)
            #expect(try await TestHTTP.send(base + "/items/3", method: "PATCH").status == 404)
        }
    }

    @Test("a bad template or a duplicate route is refused by run() before anything binds")
    func refusesRegistrationProblems() async throws {
        let app = App(host: "127.0.0.1", port: 0)
        app.get("/a/{id}") { _ in CelloResponse() }
        app.get("/a/{id}/") { _ in CelloResponse() }
        do {
            try await app.withRunning { _ in Issue.record("the server started") }
            Issue.record("run() accepted a duplicate route")
        } catch let error as AppError {
            #expect(error.code == .duplicateRoute)
        }

        let conflicting = App(host: "127.0.0.1", port: 0)
        conflicting.get("/a/{id}") { _ in CelloResponse() }
        conflicting.post("/a/{name}/b") { _ in CelloResponse() }
        conflicting.get("/a/me") { _ in CelloResponse() }
        do {
            try await conflicting.withRunning { _ in Issue.record("the server started") }
            Issue.record("run() accepted conflicting parameter names")
        } catch let error as AppError {
            #expect(error.code == .conflictingRoutes)
        }

        let reserved = App(host: "127.0.0.1", port: 0)
        reserved.get("/health/live") { _ in CelloResponse() }
        do {
            try await reserved.withRunning { _ in Issue.record("the server started") }
            Issue.record("run() accepted a route over /health/live")
        } catch let error as AppError {
            #expect(error.code == .duplicateRoute)
        }

        let bad = App(host: "127.0.0.1", port: 0)
        bad.get("users/{id") { _ in CelloResponse() }
        do {
            try await bad.withRunning { _ in Issue.record("the server started") }
            Issue.record("run() accepted a bad template")
        } catch let error as AppError {
            #expect(error.code == .invalidRouteTemplate)
        }
    }

    @Test("an App refuses to run twice")
    func runsOnce() async throws {
        let app = App(host: "127.0.0.1", port: 0)
        try await app.withRunning { _ in }
        do {
            try await app.withRunning { _ in Issue.record("ran twice") }
            Issue.record("run() accepted a second run")
        } catch let error as AppError {
            #expect(error.code == .alreadyRunning)
        }
    }

    @Test("a port already in use fails the start instead of hanging")
    func portInUse() async throws {
        let first = App(host: "127.0.0.1", port: 0)
        try await first.withRunning { address in
            let second = App(host: "127.0.0.1", port: address.port)
            await #expect(throws: (any Error).self) {
                try await second.withRunning { _ in Issue.record("bound a taken port") }
            }
        }
    }
}
