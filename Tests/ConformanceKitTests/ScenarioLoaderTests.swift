import ConformanceKit
import Testing

@Suite("ScenarioLoader")
struct ScenarioLoaderTests {
    static let valid = """
        name: sample
        description: two hops
        services:
          - name: A
            kind: demo
            downstream: [B]
            propagation: [w3c, b3]
            protocol: http/protobuf
            samplingRate: 0.5
            batchSize: 16
            exportTimeoutMs: 500
            env: {EXTRA: "1"}
          - name: B
            kind: command
            command: [my-service, --port, "{port}", --next, "{downstream}"]
        collector:
          faults: |
            grpc:
              - action: stall
          expectedBatchSize: 16
        traffic:
          path: /api/users/1
          count: 10
          concurrency: 2
        expectations:
          sharedTrace:
            chain: [A server, A client, B server]
          attributes:
            - span: A server
              attributes:
                http.method: {type: string, value: GET}
                server.port: int
          sampling: {rate: 0.5}
          batching: {maxBatchSize: 16}
          exportTimeout: {timeoutMs: 500, toleranceMs: 100}
          noLoss: {spansPerRequest: 3}
        """

    @Test("loads every section of a valid scenario")
    func loadsValidScenario() throws {
        let scenario = try ScenarioLoader.parse(Self.valid, file: "sample.yaml")
        #expect(scenario.name == "sample")
        #expect(scenario.services.map(\.name) == ["A", "B"])
        #expect(scenario.services[1].kind == .command)
        #expect(scenario.startOrder.map(\.name) == ["B", "A"])
        let env = scenario.services[0].otelEnvironment(endpoint: "http://127.0.0.1:4318")
        #expect(env["OTEL_PROPAGATORS"] == "tracecontext,baggage,b3")
        #expect(env["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf")
        #expect(env["OTEL_TRACES_SAMPLER"] == "parentbased_traceidratio")
        #expect(env["OTEL_TRACES_SAMPLER_ARG"] == "0.5")
        #expect(env["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] == "16")
        #expect(env["OTEL_EXPORTER_OTLP_TIMEOUT"] == "500")
        #expect(env["EXTRA"] == "1")
        #expect(scenario.collector.faults?.contains("stall") == true)
        #expect(scenario.expectations.sharedTrace?.chain.count == 3)
        #expect(scenario.expectations.attributes.first?.attributes["server.port"]?.type == "int")
        #expect(scenario.expectations.exportTimeout?.toleranceMs == 100)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var code: ScenarioError.Code
        var line: Int
        var testDescription: String { label }
    }

    static let badCases: [BadCase] = [
        BadCase(
            label: "syntax error", text: "name: x\nservices: [\n  - name: A\n", code: .syntax, line: 3),
        BadCase(
            label: "unknown key",
            text: "name: x\nservices:\n  - name: A\n    colour: blue\ntraffic: {count: 1}\n", code: .unknownKey, line: 4),
        BadCase(
            label: "negative count",
            text: "name: x\nservices:\n  - name: A\ntraffic:\n  count: -3\n", code: .invalidValue, line: 5),
        BadCase(
            label: "unknown service kind",
            text: "name: x\nservices:\n  - name: A\n    kind: java\ntraffic: {count: 1}\n", code: .invalidValue, line: 4),
        BadCase(
            label: "wrong type",
            text: "name: x\nservices:\n  - name: A\n    batchSize: [1, 2]\ntraffic: {count: 1}\n", code: .wrongType, line: 4),
        BadCase(
            label: "unknown downstream",
            text: "name: x\nservices:\n  - name: A\n    downstream: [Z]\ntraffic: {count: 1}\n", code: .invalidValue, line: 3),
        BadCase(
            label: "downstream cycle",
            text: "name: x\nservices:\n  - name: A\n    downstream: [B]\n  - name: B\n    downstream: [A]\ntraffic: {count: 1}\n",
            code: .invalidValue, line: 3),
        BadCase(
            label: "missing traffic", text: "name: x\nservices:\n  - name: A\n", code: .missingKey, line: 1),
        BadCase(
            label: "sampling rate out of range",
            text: "name: x\nservices:\n  - name: A\n    samplingRate: 1.5\ntraffic: {count: 1}\n", code: .invalidValue, line: 4),
        BadCase(
            label: "bad fault plan",
            text: "name: x\nservices:\n  - name: A\ncollector:\n  faults: 'grpc: [{action: explode}]'\ntraffic: {count: 1}\n",
            code: .invalidValue, line: 5),
        BadCase(
            label: "external service without url",
            text: "name: x\nservices:\n  - name: A\n    kind: external\ntraffic: {count: 1}\n", code: .missingKey, line: 3),
        BadCase(
            label: "url on a service the runner starts",
            text: "name: x\nservices:\n  - name: A\n    url: http://a:8080\ntraffic: {count: 1}\n",
            code: .invalidValue, line: 4),
        BadCase(
            label: "url that is not http",
            text: "name: x\nservices:\n  - name: A\n    kind: external\n    url: ftp://a\ntraffic: {count: 1}\n",
            code: .invalidValue, line: 5),
        BadCase(
            label: "unknown collector hop",
            text: "name: x\nservices:\n  - name: A\ncollector:\n  via: otelcol\ntraffic: {count: 1}\n",
            code: .invalidValue, line: 5),
    ]

    @Test("refuses a bad file with its code and line", arguments: badCases)
    func refusesBadFile(_ bad: BadCase) throws {
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.parse(bad.text, file: "bad.yaml") }
        #expect(error.code == bad.code)
        #expect(error.line == bad.line)
        #expect(error.file == "bad.yaml")
        #expect(error.description.hasPrefix("bad.yaml:\(bad.line)"))
    }

    @Test("an external service keeps its ${VARIABLE} url and a collector hop is read from collector.via")
    func loadsExternalAndHop() throws {
        let text = """
            name: x
            services:
              - name: a
                kind: external
                url: ${CELLO_E2E_A_URL}
            collector: {via: rotel}
            traffic: {count: 1}
            """
        let scenario = try ScenarioLoader.parse(text, file: "x.yaml")
        #expect(scenario.services[0].kind == .external)
        #expect(scenario.services[0].url == "${CELLO_E2E_A_URL}")
        #expect(scenario.collector.via == .rotel)
    }

    @Test("every scenario shipped under Conformance/scenarios loads")
    func shippedScenariosLoad() throws {
        let scenarios = try ScenarioDiscovery.load(paths: [TestSupport.scenarioFolder], filter: nil)
        #expect(scenarios.count >= 20)
        let filtered = try ScenarioDiscovery.load(paths: [TestSupport.scenarioFolder], filter: "chain-")
        #expect(filtered.map(\.name) == ["chain-b3", "chain-jaeger", "chain-w3c", "rotel-chain-w3c"])
    }
}
