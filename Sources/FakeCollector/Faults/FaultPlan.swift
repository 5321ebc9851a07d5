import Foundation
import Yams

/// Faults the collector injects, per receiver (docs/cello-telemetry.md section 6, fault plans; format in
/// docs/harness-api.md).
///
/// Rules are tried in order for each request; the first that applies decides the answer.
public struct FaultPlan: Sendable, Hashable, Codable {
    public var grpc: [FaultRule]
    public var http: [FaultRule]

    public init(grpc: [FaultRule] = [], http: [FaultRule] = []) {
        self.grpc = grpc
        self.http = http
    }

    /// No faults.
    public static let none = FaultPlan()

    /// Parses YAML or JSON text (JSON is read as YAML).
    /// - Throws: ``FakeCollectorError`` with code `.invalidFaultPlan` naming what is wrong.
    public static func parse(_ text: String) throws(FakeCollectorError) -> FaultPlan {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == "{}" || trimmed == "null" { return .none }
        let plan: FaultPlan
        do {
            plan = try YAMLDecoder().decode(FaultPlan.self, from: trimmed)
        } catch {
            throw FakeCollectorError(code: .invalidFaultPlan, message: "fault plan does not parse: \(error)")
        }
        for rule in plan.grpc { try rule.validate(for: .grpc) }
        for rule in plan.http { try rule.validate(for: .http) }
        return plan
    }

    private enum CodingKeys: String, CodingKey { case grpc, http }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.grpc = try container.decodeIfPresent([FaultRule].self, forKey: .grpc) ?? []
        self.http = try container.decodeIfPresent([FaultRule].self, forKey: .http) ?? []
    }

    /// The plan as JSON (for `GET /harness/faults`).
    func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data("{}".utf8))
    }
}
