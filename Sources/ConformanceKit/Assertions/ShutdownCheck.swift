/// Every service stopped cleanly on SIGTERM: exit status 0 within the grace period (which includes its flush).
enum ShutdownCheck {
    static func evaluate(_ observed: Observations) -> ExpectationResult {
        var failures: [String] = []
        for service in observed.services {
            if service.killed {
                failures.append("\(service.name) did not exit within the grace period after SIGTERM and was killed")
            } else if let status = service.exitStatus, status != 0 {
                failures.append("\(service.name) exited with status \(status) after SIGTERM")
            }
        }
        return .check(
            "shutdown", failures: failures, passed: "every service exited 0 after SIGTERM",
            evidence: observed.services.map { "\($0.name): exit \($0.exitStatus.map(String.init) ?? "?")" })
    }
}
