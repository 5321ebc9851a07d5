/// An explicit `off: true` for one of the judge's rules, with the reason the report prints.
///
/// docs/cello-telemetry.md section 7: "an explicit expectation refines a default or turns it off with a reason the
/// report prints".
public struct RuleSwitch: Sendable, Hashable {
    /// Why the rule does not apply to this scenario.
    public var reason: String
    /// The services it is turned off for; empty means all of them.
    public var services: [String]

    public init(reason: String, services: [String] = []) {
        self.reason = reason
        self.services = services
    }

    /// Whether it covers `service` (a rule about the whole scenario passes nil).
    public func covers(_ service: String?) -> Bool {
        services.isEmpty || service.map(services.contains) == true
    }
}
