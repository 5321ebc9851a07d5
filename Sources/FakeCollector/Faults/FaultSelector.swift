import Synchronization

/// Picks the fault (if any) for each incoming request from the current ``FaultPlan``; counts and seeded draws
/// are kept per rule (docs/cello-telemetry.md section 6, fault plans).
final class FaultSelector: Sendable {
    private struct RuleState: Sendable {
        var rule: FaultRule
        var remaining: Int?
        /// Requests still to let through before the rule applies (`after`).
        var skipping: Int
        var generator: SeededGenerator
    }

    private struct State: Sendable {
        var plan: FaultPlan
        var grpc: [RuleState]
        var http: [RuleState]

        init(plan: FaultPlan) {
            self.plan = plan
            func states(_ rules: [FaultRule]) -> [RuleState] {
                rules.map {
                    RuleState(
                        rule: $0, remaining: $0.count, skipping: max($0.after ?? 0, 0),
                        generator: SeededGenerator(seed: $0.seed ?? 0))
                }
            }
            self.grpc = states(plan.grpc)
            self.http = states(plan.http)
        }

        mutating func next(_ receiver: ReceiverKind) -> FaultRule? {
            switch receiver {
            case .grpc: Self.pick(&grpc)
            case .http: Self.pick(&http)
            }
        }

        private static func pick(_ rules: inout [RuleState]) -> FaultRule? {
            for index in rules.indices {
                if let remaining = rules[index].remaining, remaining <= 0 { continue }
                if rules[index].skipping > 0 {
                    rules[index].skipping -= 1
                    continue
                }
                if let probability = rules[index].rule.probability {
                    let draw = Double.random(in: 0..<1, using: &rules[index].generator)
                    guard draw < probability else { continue }
                }
                if let remaining = rules[index].remaining { rules[index].remaining = remaining - 1 }
                return rules[index].rule
            }
            return nil
        }
    }

    private let state: Mutex<State>

    init(plan: FaultPlan) {
        self.state = Mutex(State(plan: plan))
    }

    /// The fault for the next request on `receiver`, or nil to answer normally.
    func next(for receiver: ReceiverKind) -> FaultRule? {
        state.withLock { $0.next(receiver) }
    }

    var plan: FaultPlan { state.withLock { $0.plan } }

    func setPlan(_ plan: FaultPlan) {
        state.withLock { $0 = State(plan: plan) }
    }
}
