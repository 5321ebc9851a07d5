import Testing

@testable import FakeCollector

@Suite("FaultPlan")
struct FaultPlanTests {
    @Test("parses the YAML form")
    func yaml() throws {
        let plan = try FaultPlan.parse("""
            grpc:
              - action: status
                count: 2
                grpcStatus: 14
                retryDelayMs: 200
            http:
              - action: delay
                probability: 0.5
                seed: 42
                delayMs: 800
            """)
        #expect(plan.grpc == [FaultRule(action: .status, count: 2, grpcStatus: 14, retryDelayMs: 200)])
        #expect(plan.http == [FaultRule(action: .delay, probability: 0.5, seed: 42, delayMs: 800)])
    }

    @Test("parses the JSON form and the empty plan")
    func json() throws {
        let plan = try FaultPlan.parse(#"{"http":[{"action":"rst_stream","errorCode":2}]}"#)
        #expect(plan.http.first?.action == .rstStream)
        #expect(try FaultPlan.parse("") == .none)
    }

    @Test("parses after, and the harness JSON carries it back (omitted when unset)")
    func after() throws {
        let plan = try FaultPlan.parse("http:\n  - action: stall\n    count: 1\n    after: 1\n")
        #expect(plan.http == [FaultRule(action: .stall, count: 1, after: 1)])
        let json = String(decoding: plan.jsonBytes(), as: UTF8.self)
        #expect(json == #"{"grpc":[],"http":[{"action":"stall","after":1,"count":1}]}"#)
        #expect(!String(decoding: FaultPlan(http: [FaultRule(action: .stall)]).jsonBytes(), as: UTF8.self).contains("after"))
    }

    @Test("refuses a negative after, naming the receiver and action")
    func negativeAfter() {
        do {
            _ = try FaultPlan.parse("http: [{action: stall, after: -1}]")
            Issue.record("a negative after was accepted")
        } catch {
            #expect(error.code == .invalidFaultPlan)
            #expect(error.message.contains("http stall: after must be >= 0"), "\(error.message)")
        }
    }

    @Test("rejects unknown actions and missing parameters with invalidFaultPlan", arguments: [
        "grpc: [{action: explode}]",
        "grpc: [{action: status}]",
        "http: [{action: status, httpStatus: 200}]",
        "grpc: [{action: delay}]",
        "grpc: [{action: partial}]",
        "grpc: [{action: stall, probability: 2}]",
        "grpc: [{action: stall, count: 0}]",
        "[1, 2",
    ])
    func rejects(_ text: String) {
        #expect(throws: FakeCollectorError.self) { try FaultPlan.parse(text) }
        do {
            _ = try FaultPlan.parse(text)
        } catch {
            #expect(error.code == .invalidFaultPlan)
        }
    }
}
