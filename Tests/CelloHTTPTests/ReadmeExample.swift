// The README example (CelloHTTP section), kept here so the build proves it compiles. Never called.
import CelloHTTP
import CelloTelemetry

struct ReadmeUser: Encodable { var id: String; var name: String }

func readmeSnippet() async throws {
    let app = App(host: "127.0.0.1", port: 8080)
    _ = App()
    try app.enableTelemetry(OpenTelemetryConfig(
        serviceName: "users",
        otlpEndpoint: "http://127.0.0.1:4317",
        samplingRate: 0.1,
        propagation: [.w3c]
    ))
    app.enablePrometheus(endpoint: "/metrics")
    app.get("/api/users/{id}") { request in
        ReadmeUser(id: request.params["id"] ?? "", name: "Ada")
    }
    app.post("/orders") { request in
        let user = try await request.client.get("http://127.0.0.1:8081/users/1")
        return try CelloResponse.json(["order": "created", "user": user.text], status: .created)
    }
    app.addHealthCheck("db", probes: [.ready]) { .up }
    try await app.run()
}
