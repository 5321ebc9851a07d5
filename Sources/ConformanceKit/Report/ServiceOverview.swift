/// One service of a scenario's topology as the reports show it: its name, what runs it, whom it calls, and a
/// summary of the configuration the scenario gives it (docs/cello-telemetry.md section 7, reports).
public struct ServiceOverview: Sendable, Hashable, Codable {
    /// One configuration item, e.g. `protocol` = `grpc`.
    public struct Setting: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var name: String
    /// `demo`, `python`, `command` or `external`.
    public var kind: String
    /// The services it calls, by name.
    public var downstream: [String]
    public var settings: [Setting]

    public init(name: String, kind: String, downstream: [String] = [], settings: [Setting] = []) {
        self.name = name
        self.kind = kind
        self.downstream = downstream
        self.settings = settings
    }

    /// The overview of a scenario's service: the settings it is judged by (`ServiceSettings`, explicit `env`
    /// included), then how it is run. Header values are left out (they may be credentials); names are kept.
    public init(_ spec: ServiceSpec) {
        let judged = spec.settings
        var settings: [Setting] = [Setting(name: "protocol", value: judged.exportProtocol)]
        let formats = judged.propagation.map(\.description) + (judged.baggage ? ["baggage"] : [])
        settings.append(Setting(name: "propagation", value: formats.joined(separator: ", ")))
        if let rate = judged.samplingRate { settings.append(Setting(name: "sampling rate", value: String(rate))) }
        if let size = judged.batchSize { settings.append(Setting(name: "batch size", value: String(size))) }
        if let timeout = judged.exportTimeoutMs {
            settings.append(Setting(name: "export timeout", value: "\(timeout) ms"))
        }
        if let delay = spec.scheduleDelayMs { settings.append(Setting(name: "schedule delay", value: "\(delay) ms")) }
        if let queue = spec.maxQueueSize { settings.append(Setting(name: "max queue size", value: String(queue))) }
        if let compression = judged.compression { settings.append(Setting(name: "compression", value: compression)) }
        if !judged.headers.isEmpty {
            settings.append(
                Setting(name: "export headers", value: judged.headers.keys.sorted().joined(separator: ", "))
            )
        }
        let overridden = spec.environment.keys.sorted()
        if !overridden.isEmpty { settings.append(Setting(name: "env", value: overridden.joined(separator: ", "))) }
        if !spec.command.isEmpty {
            settings.append(Setting(name: "command", value: spec.command.joined(separator: " ")))
        }
        if let url = spec.url { settings.append(Setting(name: "url", value: url)) }
        self.init(name: spec.name, kind: spec.kind.description, downstream: spec.downstream, settings: settings)
    }
}
