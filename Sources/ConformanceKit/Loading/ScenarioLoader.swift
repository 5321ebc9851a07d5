import FakeCollector
import Foundation
import Yams

/// Reads scenario files: YAML through Yams' node API, every key and type checked, errors with file and line.
///
/// docs/cello-telemetry.md section 7 ("Bad scenario files are refused with the file, the line and what was expected").
public enum ScenarioLoader {
    static let topKeys = ["name", "description", "services", "collector", "traffic", "expectations"]
    static let serviceKeys = [
        "name", "kind", "command", "downstream", "env", "propagation", "protocol", "samplingRate", "batchSize",
        "exportTimeoutMs", "scheduleDelayMs", "maxQueueSize", "compression", "url", "headers",
    ]
    static let protocols = ["grpc", "http/protobuf", "http/json"]

    /// Loads one file.
    /// - Throws: ``ScenarioError`` naming the file, the line and what was expected.
    public static func load(file: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ScenarioError(code: .unreadable, file: file, message: "cannot read the file: \(error)")
        }
        return try parse(text, file: file)
    }

    /// Parses scenario text; `file` is only used in messages.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(code: .syntax, file: file, line: 1, message: "the file holds no YAML document")
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch let YamlError.scanner(context, problem, mark, _), let YamlError.parser(context, problem, mark, _) {
            let detail = context.map { "\($0.text) " } ?? ""
            throw ScenarioError(
                code: .syntax, file: file, line: mark.line, column: mark.column,
                message: "YAML syntax error: \(detail)\(problem)")
        } catch {
            throw ScenarioError(code: .syntax, file: file, message: "YAML syntax error: \(error)")
        }
        let top = YAMLValue(node: root, file: file, path: "")
        let keys = try top.mapping(allowed: topKeys)
        let name = try keys.required("name", in: top).string()
        let services = try parseServices(keys.required("services", in: top))
        let traffic = try parseTraffic(keys.required("traffic", in: top), services: services)
        let scenario = Scenario(
            name: name,
            description: try keys["description"]?.string() ?? "",
            file: file,
            services: services,
            collector: try keys["collector"].map(parseCollector) ?? CollectorSpec(),
            traffic: traffic,
            expectations: try keys["expectations"].map { value throws(ScenarioError) in
                try parseExpectations(value, services: services)
            } ?? Expectations()
        )
        return scenario
    }

    static func parseServices(_ value: YAMLValue) throws(ScenarioError) -> [ServiceSpec] {
        let items = try value.list()
        guard !items.isEmpty else { throw value.error(.invalidValue, "expected at least one service") }
        var services: [ServiceSpec] = []
        for item in items {
            let service = try parseService(item)
            if services.contains(where: { $0.name == service.name }) {
                throw item.error(.duplicateName, "service name '\(service.name)' is used twice")
            }
            services.append(service)
        }
        for (item, service) in zip(items, services) {
            for name in service.downstream where !services.contains(where: { $0.name == name }) {
                throw item.error(.invalidValue, "downstream '\(name)' is not a service of this scenario")
            }
        }
        for (item, service) in zip(items, services) where reaches(service.name, from: service, in: services) {
            throw item.error(.invalidValue, "service '\(service.name)' calls itself through its downstream list (a cycle)")
        }
        return services
    }

    /// Whether `target` is reachable from `service`'s downstreams.
    static func reaches(_ target: String, from service: ServiceSpec, in services: [ServiceSpec]) -> Bool {
        var seen: Set<String> = []
        var queue = service.downstream
        while let name = queue.popLast() {
            if name == target { return true }
            guard seen.insert(name).inserted else { continue }
            queue += services.first { $0.name == name }?.downstream ?? []
        }
        return false
    }

    static func parseService(_ value: YAMLValue) throws(ScenarioError) -> ServiceSpec {
        let keys = try value.mapping(allowed: serviceKeys)
        let name = try keys.required("name", in: value).string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw value.error(.invalidValue, "service name must be letters, digits, '-' or '_', got '\(name)'")
        }
        var service = ServiceSpec(name: name)
        if let kindValue = keys["kind"] {
            let text = try kindValue.string()
            guard let kind = ServiceKind(name: text) else {
                throw kindValue.error(
                    .invalidValue, "unknown service kind '\(text)', expected one of: \(ServiceKind.allNames.joined(separator: ", "))")
            }
            service.kind = kind
        }
        if let command = keys["command"] { service.command = try command.stringList() }
        if service.kind == .command, service.command.isEmpty {
            throw value.error(.missingKey, "kind 'command' needs a 'command' list with {port} in it")
        }
        if let url = keys["url"] {
            guard service.kind == .external else {
                throw url.error(.invalidValue, "'url' is only for kind 'external' (a service the runner does not start)")
            }
            let text = try url.string()
            guard text.hasPrefix("http://") || text.hasPrefix("${") else {
                throw url.error(.invalidValue, "expected an http:// URL or ${VARIABLE}, got '\(text)'")
            }
            service.url = text
        } else if service.kind == .external {
            throw value.error(.missingKey, "kind 'external' needs a 'url' (e.g. http://a:8080 or ${CELLO_E2E_A_URL})")
        }
        if let downstream = keys["downstream"] { service.downstream = try downstream.stringList() }
        if let env = keys["env"] {
            for (key, item) in try env.freeMapping() { service.environment[key] = try item.string() }
        }
        if let propagation = keys["propagation"] {
            service.propagation = []
            for (index, text) in try propagation.stringList().enumerated() {
                guard let format = PropagationFormat(name: text) else {
                    let at = (try? propagation.list())?[index] ?? propagation
                    throw at.error(
                        .invalidValue,
                        "unknown propagation '\(text)', expected one of: \(PropagationFormat.allNames.joined(separator: ", "))")
                }
                service.propagation.append(format)
            }
        }
        if let proto = keys["protocol"] { service.exportProtocol = try proto.choice(protocols) }
        service.samplingRate = try keys["samplingRate"]?.double(min: 0, max: 1)
        service.batchSize = try keys["batchSize"]?.int(min: 1)
        service.exportTimeoutMs = try keys["exportTimeoutMs"]?.int(min: 1, max: 600_000)
        service.scheduleDelayMs = try keys["scheduleDelayMs"]?.int(min: 0)
        service.maxQueueSize = try keys["maxQueueSize"]?.int(min: 1)
        service.compression = try keys["compression"]?.choice(["gzip", "none"])
        if let headers = keys["headers"] {
            for (name, item) in try headers.freeMapping() {
                guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
                    throw headers.error(.invalidValue, "'\(name)' is not an HTTP header name")
                }
                service.headers[name.lowercased()] = try item.string()
            }
        }
        return service
    }

    static func parseCollector(_ value: YAMLValue) throws(ScenarioError) -> CollectorSpec {
        let keys = try value.mapping(allowed: ["faults", "expectedBatchSize", "down", "via"])
        var spec = CollectorSpec()
        if let faults = keys["faults"] {
            // The plan is handed to FaultPlan.parse as text; a mapping is re-serialized so either form works.
            if case .scalar = faults.node {
                spec.faults = try faults.string()
            } else {
                spec.faults = try? Yams.serialize(node: faults.node)
            }
        }
        if let text = spec.faults, let faults = keys["faults"] {
            do {
                _ = try FaultPlan.parse(text)
            } catch {
                throw faults.error(.invalidValue, "not a valid fault plan: \(error)")
            }
        }
        spec.expectedBatchSize = try keys["expectedBatchSize"]?.int(min: 1)
        spec.down = try keys["down"]?.bool() ?? false
        if let via = keys["via"] {
            spec.via = CollectorHop(name: try via.choice(CollectorHop.allNames))
            if spec.down { throw via.error(.invalidValue, "'via' and 'down: true' cannot be combined") }
        }
        return spec
    }

    static func parseTraffic(_ value: YAMLValue, services: [ServiceSpec]) throws(ScenarioError) -> TrafficSpec {
        let keys = try value.mapping(allowed: ["method", "path", "count", "concurrency", "entry", "headers"])
        var traffic = TrafficSpec()
        traffic.method = try keys["method"]?.choice(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]) ?? "GET"
        traffic.path = try keys["path"]?.string() ?? "/"
        guard traffic.path.hasPrefix("/") else {
            throw keys["path"]!.error(.invalidValue, "path must start with '/', got '\(traffic.path)'")
        }
        traffic.count = try keys["count"]?.int(min: 0, max: 1_000_000) ?? 1
        traffic.concurrency = try keys["concurrency"]?.int(min: 1, max: 256) ?? 1
        if let headers = keys["headers"] {
            for (name, item) in try headers.freeMapping() {
                guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
                    throw headers.error(.invalidValue, "'\(name)' is not an HTTP header name")
                }
                let text = try item.string()
                guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                    throw item.error(.invalidValue, "header \(name): the value must be printable ASCII")
                }
                traffic.headers.append(TrafficHeader(name: name, value: text))
            }
        }
        if let entry = keys["entry"] {
            traffic.entry = try entry.choice(services.map(\.name))
        }
        return traffic
    }
}
