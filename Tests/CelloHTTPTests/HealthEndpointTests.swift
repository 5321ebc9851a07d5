import CelloHTTP
import Synchronization
import Testing

@Suite("Health endpoints")
struct HealthEndpointTests {
    @Test("answer 200 up, or 503 listing the failing checks of that probe")
    func answersByCheck() async throws {
        let databaseUp = Mutex(false)
        let app = App(host: "127.0.0.1", port: 0)
        app.addHealthCheck("database", probes: [.ready]) {
            databaseUp.withLock { $0 } ? .up : .down("no connection")
        }
        app.addHealthCheck("warm-cache", probes: [.startup]) { .up }
        try await app.withRunning { address in
            let live = try await TestHTTP.send(address.baseURL + "/health/live")
            #expect(live.status == 200)
            #expect(try live.json()["status"] as? String == "up")

            let ready = try await TestHTTP.send(address.baseURL + "/health/ready")
            #expect(ready.status == 503)
            let report = try ready.json()
            #expect(report["status"] as? String == "down")
            let failing = try #require(report["checks"] as? [[String: Any]])
            #expect(failing.count == 1)
            #expect(failing.first?["name"] as? String == "database")
            #expect(failing.first?["reason"] as? String == "no connection")

            let all = try await TestHTTP.send(address.baseURL + "/health")
            #expect(all.status == 503)
            #expect(try await TestHTTP.send(address.baseURL + "/health/startup").status == 200)

            databaseUp.withLock { $0 = true }
            #expect(try await TestHTTP.send(address.baseURL + "/health/ready").status == 200)
            #expect(try await TestHTTP.send(address.baseURL + "/health").text == #"{"status":"up"}"#)
        }
    }
}
