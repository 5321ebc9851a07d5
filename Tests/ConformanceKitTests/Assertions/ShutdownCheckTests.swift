import Testing

@testable import ConformanceKit

@Suite("ShutdownCheck")
struct ShutdownCheckTests {
    @Test("every service exiting 0 passes")
    func cleanPasses() {
        expectPassed(ShutdownCheck.evaluate(Fixture.run(Fixture.scenario())), "shutdown")
    }

    @Test("a killed service and one exiting non-zero fail, each named")
    func badExits() {
        var observed = Fixture.run(Fixture.scenario())
        observed.services[1].killed = true
        observed.services[2].exitStatus = 1
        let result = ShutdownCheck.evaluate(observed)
        expectFailed(result, "shutdown", ["B did not exit within the grace period after SIGTERM and was killed"])
        #expect(result.says("C exited with status 1 after SIGTERM"))
        #expect(!result.says("A did not exit") && !result.says("A exited"))
    }
}
