import Testing

@testable import ConformanceKit

@Suite("ResourceCheck")
struct ResourceCheckTests {
    @Test("a clean A -> B -> C run passes")
    func cleanPasses() {
        expectPassed(ResourceCheck.evaluate(Fixture.run(Fixture.scenario())), "resource")
    }

    @Test(
        "B exporting under a foreign service.name fails, naming the name and B",
        arguments: ["unknown_service:demo-service", "b", ""]
    )
    func foreignName(_ name: String) {
        var observed = Fixture.run(Fixture.scenario())
        observed.editRequests(of: "B") { $0.serviceNames = [name] }
        let label = name.isEmpty ? "no service.name" : "service.name '\(name)'"
        let result = ResourceCheck.evaluate(observed)
        expectFailed(
            result,
            "resource",
            [label, "which is no service of this scenario", "services that exported nothing under their own name: B)"]
        )
    }

    @Test("B sending nothing under its name while every request was kept fails")
    func silentService() {
        var observed = Fixture.run(Fixture.scenario())
        observed.requests = observed.requests?.filter { !$0.serviceNames.contains("B") }
        expectFailed(ResourceCheck.evaluate(observed), "resource", ["B sent no export request with service.name 'B'"])
    }

    @Test("a silent service is not blamed when requests may be unsampled")
    func silentServiceSampled() {
        var observed = Fixture.run(Fixture.scenario(Fixture.chain().configuring("A") { $0.samplingRate = 0.5 }))
        observed.requests = observed.requests?.filter { !$0.serviceNames.contains("B") }
        expectPassed(ResourceCheck.evaluate(observed), "resource")
    }

    @Test("a backend without a wire view is not applicable")
    func noWireView() {
        var observed = Fixture.run(Fixture.scenario())
        observed.requests = nil
        #expect(ResourceCheck.evaluate(observed).status == .notApplicable)
    }
}
