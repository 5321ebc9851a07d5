import Testing

@testable import FakeCollector

@Suite("FaultSelector")
struct FaultSelectorTests {
    @Test("applies a counted rule to the next N requests of its receiver only")
    func counted() {
        let selector = FaultSelector(plan: FaultPlan(grpc: [FaultRule(action: .close, count: 2)]))
        #expect(selector.next(for: .http) == nil)
        #expect(selector.next(for: .grpc)?.action == .close)
        #expect(selector.next(for: .grpc)?.action == .close)
        #expect(selector.next(for: .grpc) == nil)
    }

    @Test("replays the same choices for the same seed, at roughly the asked probability")
    func seeded() {
        let plan = FaultPlan(http: [FaultRule(action: .stall, probability: 0.3, seed: 7)])
        let first = FaultSelector(plan: plan)
        let second = FaultSelector(plan: plan)
        let a = (0..<1000).map { _ in first.next(for: .http) != nil }
        let b = (0..<1000).map { _ in second.next(for: .http) != nil }
        #expect(a == b)
        let hits = a.filter { $0 }.count
        #expect((200...400).contains(hits))
    }

    @Test("after: N lets the first N requests through without using up the count")
    func after() {
        let selector = FaultSelector(plan: FaultPlan(http: [FaultRule(action: .stall, count: 1, after: 2)]))
        #expect(selector.next(for: .grpc) == nil)  // another receiver's requests do not count
        #expect(selector.next(for: .http) == nil)
        #expect(selector.next(for: .http) == nil)
        #expect(selector.next(for: .http)?.action == .stall)
        #expect(selector.next(for: .http) == nil)
    }

    @Test("after: N counts only the requests that reach the rule (an earlier rule's are not seen)")
    func afterBehindAnotherRule() {
        let plan = FaultPlan(grpc: [FaultRule(action: .close, count: 1), FaultRule(action: .stall, after: 1)])
        let selector = FaultSelector(plan: plan)
        #expect(selector.next(for: .grpc)?.action == .close)
        #expect(selector.next(for: .grpc) == nil)  // the first the stall rule sees
        #expect(selector.next(for: .grpc)?.action == .stall)
        #expect(selector.next(for: .grpc)?.action == .stall)
    }

    @Test("a new plan restarts the counts")
    func replace() {
        let selector = FaultSelector(plan: FaultPlan(grpc: [FaultRule(action: .close, count: 1)]))
        _ = selector.next(for: .grpc)
        selector.setPlan(FaultPlan(grpc: [FaultRule(action: .goaway, count: 1)]))
        #expect(selector.next(for: .grpc)?.action == .goaway)
    }
}
