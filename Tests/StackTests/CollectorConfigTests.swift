import Testing

/// Static checks of otel-config.yaml (spec section 8): what a collector would refuse at start, found without Docker.
@Suite("otel-config.yaml")
struct CollectorConfigTests {
    /// Component types of otelcol-contrib that this stack may use, by kind. A type outside this list is either a
    /// typo or a component the contrib distribution does not ship.
    static let contribComponents: [String: Set<String>] = [
        "receivers": ["otlp", "jaeger", "zipkin", "prometheus", "hostmetrics", "filelog", "kafka"],
        "processors": [
            "batch", "memory_limiter", "attributes", "resource", "filter", "transform", "tail_sampling",
            "probabilistic_sampler", "resourcedetection", "k8sattributes", "span",
        ],
        "exporters": ["otlp", "otlphttp", "debug", "prometheus", "prometheusremotewrite", "file", "zipkin", "kafka", "loadbalancing"],
        "extensions": ["health_check", "pprof", "zpages", "basicauth", "bearertokenauth", "file_storage"],
        "connectors": ["spanmetrics", "forward", "count", "servicegraph"],
    ]
    /// Types that older configs use but current collectors refuse.
    static let removedComponents: [String: String] = [
        "jaeger": "the jaeger exporter was removed in collector v0.85.0; export OTLP to Jaeger instead",
        "logging": "the logging exporter was removed in collector v0.111.0; use debug",
    ]

    static func type(of componentID: String) -> String {
        String(componentID.split(separator: "/", maxSplits: 1).first ?? "")
    }

    @Test("every component named in a pipeline is defined, and every type exists in the contrib distribution")
    func componentsDefinedAndKnown() throws {
        let config = try RepositoryFile.yaml("otel-config.yaml")
        let service = try #require(config["service"] as? [String: Any])
        let pipelines = try #require(service["pipelines"] as? [String: Any])
        #expect(!pipelines.isEmpty)
        for (name, value) in pipelines {
            let pipeline = try #require(value as? [String: Any], "pipeline \(name) is not a mapping")
            for kind in ["receivers", "processors", "exporters"] {
                let ids = pipeline[kind] as? [String] ?? []
                if kind != "processors" { #expect(!ids.isEmpty, "pipeline \(name) has no \(kind)") }
                let defined = config[kind] as? [String: Any] ?? [:]
                for id in ids {
                    #expect(defined[id] != nil, "pipeline \(name) uses \(kind) \(id), which is not defined")
                    #expect(Self.contribComponents[kind]!.contains(Self.type(of: id)), "\(kind) \(id) is not a contrib component")
                    if kind == "exporters", let why = Self.removedComponents[Self.type(of: id)] {
                        Issue.record("exporter \(id): \(why)")
                    }
                }
            }
        }
        for id in service["extensions"] as? [String] ?? [] {
            #expect((config["extensions"] as? [String: Any])?[id] != nil, "extension \(id) is enabled but not defined")
            #expect(Self.contribComponents["extensions"]!.contains(Self.type(of: id)))
        }
    }

    @Test("every defined component is known to contrib, and none is a removed one")
    func definedComponentsKnown() throws {
        let config = try RepositoryFile.yaml("otel-config.yaml")
        for kind in ["receivers", "processors", "exporters", "extensions", "connectors"] {
            for id in (config[kind] as? [String: Any] ?? [:]).keys {
                #expect(Self.contribComponents[kind]!.contains(Self.type(of: id)), "\(kind) \(id) is not a contrib component")
                #expect(kind != "exporters" || Self.removedComponents[Self.type(of: id)] == nil, "exporter \(id) was removed")
            }
        }
    }

    @Test("the traces pipeline ends at Jaeger over OTLP gRPC with insecure TLS")
    func tracesEndAtJaeger() throws {
        let config = try RepositoryFile.yaml("otel-config.yaml")
        let pipelines = try #require((config["service"] as? [String: Any])?["pipelines"] as? [String: Any])
        let traces = try #require(pipelines["traces"] as? [String: Any])
        let exporters = try #require(traces["exporters"] as? [String])
        let defined = try #require(config["exporters"] as? [String: Any])
        let toJaeger = exporters.filter { id in
            Self.type(of: id) == "otlp" && ((defined[id] as? [String: Any])?["endpoint"] as? String) == "jaeger:4317"
        }
        let jaeger = try #require(toJaeger.first, "no otlp exporter to jaeger:4317 in the traces pipeline")
        let tls = (defined[jaeger] as? [String: Any])?["tls"] as? [String: Any]
        #expect(tls?["insecure"] as? Bool == true)
        #expect(traces["processors"] as? [String] == ["memory_limiter", "batch"], "memory_limiter must come first")
    }

    @Test("receivers listen on 4317 and 4318 and health_check on 0.0.0.0:13133")
    func endpoints() throws {
        let config = try RepositoryFile.yaml("otel-config.yaml")
        let otlp = try #require((config["receivers"] as? [String: Any])?["otlp"] as? [String: Any])
        let protocols = try #require(otlp["protocols"] as? [String: Any])
        #expect((protocols["grpc"] as? [String: Any])?["endpoint"] as? String == "0.0.0.0:4317")
        #expect((protocols["http"] as? [String: Any])?["endpoint"] as? String == "0.0.0.0:4318")
        let health = (config["extensions"] as? [String: Any])?["health_check"] as? [String: Any]
        #expect(health?["endpoint"] as? String == "0.0.0.0:13133")
    }
}
