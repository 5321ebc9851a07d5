/// The OTLP signal of an export request.
public enum ExportSignal: String, Sendable, Hashable, Codable, CaseIterable {
    case traces
    case metrics
    case logs
}
