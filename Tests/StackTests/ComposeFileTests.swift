import Foundation
import Testing

/// Static checks of docker-compose.yml (spec section 8): what the Compose schema cannot see.
@Suite("docker-compose.yml")
struct ComposeFileTests {
    static func services() throws -> [String: [String: Any]] {
        let compose = try RepositoryFile.yaml("docker-compose.yml")
        let services = try #require(compose["services"] as? [String: Any])
        return services.compactMapValues { $0 as? [String: Any] }
    }

    static func environment(_ service: [String: Any]) -> [String: String] {
        (service["environment"] as? [String: Any] ?? [:]).mapValues { "\($0)" }
    }

    static func dependsOn(_ service: [String: Any]) -> Set<String> {
        if let list = service["depends_on"] as? [String] { return Set(list) }
        return Set((service["depends_on"] as? [String: Any] ?? [:]).keys)
    }

    @Test("has every service the end-to-end run needs")
    func servicesPresent() throws {
        let services = try Self.services()
        for name in ["jaeger", "collector", "a", "b", "c", "runner"] {
            #expect(services[name] != nil, "service \(name) is missing")
        }
    }

    @Test("images are pinned to a version, never latest, and Jaeger is v2")
    func imagesPinned() throws {
        for (name, service) in try Self.services() {
            guard let image = service["image"] as? String else {
                #expect(service["build"] != nil, "service \(name) has neither image nor build")
                continue
            }
            let tag = image.split(separator: ":").dropFirst().last.map(String.init)
            #expect(tag != nil && tag != "latest", "service \(name) uses an unpinned image \(image)")
        }
        let services = try Self.services()
        let jaeger = try #require(services["jaeger"]?["image"] as? String)
        #expect(jaeger.hasPrefix("jaegertracing/jaeger:2."), "Jaeger v2 is jaegertracing/jaeger, not all-in-one")
        let collector = try #require(services["collector"]?["image"] as? String)
        #expect(collector.hasPrefix("otel/opentelemetry-collector-contrib:"))
    }

    @Test("the collector reads otel-config.yaml where the contrib image looks for it")
    func collectorConfigMounted() throws {
        let collector = try #require(try Self.services()["collector"])
        let volumes = collector["volumes"] as? [String] ?? []
        #expect(volumes.contains { $0.hasPrefix("./otel-config.yaml:/etc/otelcol-contrib/config.yaml") })
    }

    @Test("published ports and service endpoints agree with otel-config.yaml, and bind loopback only")
    func portsAgree() throws {
        let config = try RepositoryFile.yaml("otel-config.yaml")
        let protocols = try #require(
            ((config["receivers"] as? [String: Any])?["otlp"] as? [String: Any])?["protocols"] as? [String: Any]
        )
        func port(_ endpoint: Any?) -> String? { (endpoint as? String)?.split(separator: ":").last.map(String.init) }
        let grpcPort = try #require(port((protocols["grpc"] as? [String: Any])?["endpoint"]))
        let httpPort = try #require(port((protocols["http"] as? [String: Any])?["endpoint"]))
        let healthPort = try #require(port(((config["extensions"] as? [String: Any])?["health_check"] as? [String: Any])?["endpoint"]))

        let services = try Self.services()
        let published = (services["collector"]?["ports"] as? [String] ?? [])
        for containerPort in [grpcPort, httpPort, healthPort] {
            #expect(published.contains { $0.hasSuffix(":\(containerPort)") }, "collector does not publish \(containerPort)")
        }
        for (name, service) in services {
            for mapping in service["ports"] as? [String] ?? [] {
                #expect(mapping.hasPrefix("127.0.0.1:"), "service \(name) publishes \(mapping) beyond loopback")
            }
        }
        for name in ["a", "b", "c"] {
            let endpoint = Self.environment(try #require(services[name]))["OTEL_EXPORTER_OTLP_ENDPOINT"]
            let protocolName = Self.environment(try #require(services[name]))["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "grpc"
            let expected = protocolName == "grpc" ? grpcPort : httpPort
            #expect(endpoint == "http://collector:\(expected)", "service \(name) exports to \(endpoint ?? "nothing")")
        }
        // The collector's otlp exporter targets Jaeger's OTLP gRPC port; the runner queries Jaeger's api_v3 port.
        let runnerCommand = (services["runner"]?["command"] as? [String] ?? []).joined(separator: " ")
        #expect(runnerCommand.contains("--backend jaeger"))
        #expect(runnerCommand.contains("--query-url http://jaeger:16686"))
        #expect((services["jaeger"]?["ports"] as? [String] ?? []).contains { $0.hasSuffix(":16686") })
    }

    @Test("the runner's e2e scenarios fit the stack: folder, URL variables, service names, health probe")
    func runnerScenariosFitStack() throws {
        let services = try Self.services()
        let runner = try #require(services["runner"])
        let command = runner["command"] as? [String] ?? []
        #expect(command.contains("--collector-health-url"))
        if let index = command.firstIndex(of: "--collector-health-url"), index + 1 < command.count {
            #expect(command[index + 1].hasPrefix("http://collector:13133"))
        }
        // The last argument is the scenario folder; it exists and holds the e2e scenarios.
        let folder = try #require(command.last)
        let names = try FileManager.default.contentsOfDirectory(atPath: RepositoryFile.root.appendingPathComponent(folder).path)
        let files = names.filter { $0.hasSuffix(".yaml") }
        #expect(!files.isEmpty, "\(folder) holds no scenario")
        let runnerEnvironment = Self.environment(runner)
        let serviceNames = Set(services.values.compactMap { Self.environment($0)["OTEL_SERVICE_NAME"] })
        for file in files {
            let scenario = try RepositoryFile.yaml(folder + "/" + file)
            for service in scenario["services"] as? [[String: Any]] ?? [] {
                let name = service["name"] as? String ?? "?"
                #expect(serviceNames.contains(name), "\(file): no compose service has OTEL_SERVICE_NAME \(name)")
                let url = service["url"] as? String ?? ""
                guard url.hasPrefix("${"), url.hasSuffix("}") else { continue }
                let variable = String(url.dropFirst(2).dropLast())
                let value = try #require(runnerEnvironment[variable], "\(file): the runner does not set \(variable)")
                // http://HOST:PORT where HOST is a compose service whose command listens on PORT.
                let parts = value.replacingOccurrences(of: "http://", with: "").split(separator: ":").map(String.init)
                let target = try #require(services[parts[0]], "\(variable)=\(value) names no compose service")
                let targetCommand = target["command"] as? [String] ?? []
                let portIndex = targetCommand.firstIndex(of: "--port").map { $0 + 1 }
                #expect(portIndex.map { targetCommand[$0] } == parts.last, "\(variable)=\(value): \(parts[0]) listens elsewhere")
                #expect(Self.environment(target)["OTEL_SERVICE_NAME"] == name, "\(variable) points at a service not named \(name)")
            }
        }
    }

    @Test("start order: jaeger, then the collector, then C, B, A, then the runner")
    func dependencyOrder() throws {
        let services = try Self.services()
        #expect(Self.dependsOn(try #require(services["collector"])).contains("jaeger"))
        for name in ["a", "b", "c"] {
            #expect(Self.dependsOn(try #require(services[name])).contains("collector"), "\(name) must wait for the collector")
        }
        #expect(Self.dependsOn(try #require(services["a"])).contains("b"))
        #expect(Self.dependsOn(try #require(services["b"])).contains("c"))
        #expect(Self.dependsOn(try #require(services["runner"])).isSuperset(of: ["a", "b", "c", "collector", "jaeger"]))
    }

    @Test("every build target named in the compose file exists in docker/Dockerfile")
    func buildTargetsExist() throws {
        let dockerfile = try RepositoryFile.text("docker/Dockerfile")
        let stages = Set(dockerfile.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.first == "FROM", words.count >= 4, words[2].uppercased() == "AS" else { return nil }
            return String(words[3])
        })
        for (name, service) in try Self.services() {
            guard let build = service["build"] as? [String: Any] else { continue }
            #expect(build["dockerfile"] as? String == "docker/Dockerfile", "service \(name) builds from another file")
            let target = try #require(build["target"] as? String, "service \(name) names no build target")
            #expect(stages.contains(target), "service \(name) builds target \(target), which docker/Dockerfile lacks")
        }
    }

    static let checker = RepositoryFile.root.appendingPathComponent("Conformance/peers/python/.venv/bin/check-jsonschema")
    /// The venv is optional only off CI: on CI (CI=true) the test runs, and fails if scripts/setup.sh was not run.
    static let canValidate = FileManager.default.isExecutableFile(atPath: checker.path)
        || ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(
        "validates against the Compose specification schema (check-jsonschema, vendor.compose-spec)",
        .enabled(if: canValidate, "needs the Python peers' venv (check-jsonschema): run scripts/setup.sh")
    )
    func schemaValid() async throws {
        let checker = Self.checker
        let process = Process()
        process.executableURL = checker
        process.arguments = ["--builtin-schema", "vendor.compose-spec", "docker-compose.yml"]
        process.currentDirectoryURL = RepositoryFile.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        // Wait for the exit without blocking a thread of the cooperative pool (2 threads on a 2-core machine).
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status == 0, "check-jsonschema: \(text)")
    }
}
