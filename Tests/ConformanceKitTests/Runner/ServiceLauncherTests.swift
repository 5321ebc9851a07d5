import Foundation
import Testing

@testable import ConformanceKit

/// `command` services as users write them: `${VAR}` in arguments and `env` values, the scenario file's folder as
/// working folder and as the base of a relative program path, a bare name through PATH.
@Suite("ServiceLauncher command services", .timeLimit(.minutes(1)))
struct ServiceLauncherTests {
    /// A fresh folder holding a scenario file (not read) and an executable `svc.sh` (and `bin/svc`).
    static func scenarioFolder() throws -> (folder: String, file: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("launcher-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            echo "pwd=$(pwd)"
            for argument in "$@"; do echo "arg=$argument"; done
            echo "env=$CELLO_TEST_SERVICE_ENV"
            echo "ready http=127.0.0.1:9"
            exec sleep 30
            """
        for path in [folder + "/svc.sh", folder + "/bin/svc"] {
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        try "plain".write(toFile: folder + "/not-executable.sh", atomically: true, encoding: .utf8)
        let file = folder + "/scenario.yaml"
        try "name: x\n".write(toFile: file, atomically: true, encoding: .utf8)
        return (URL(fileURLWithPath: folder).standardizedFileURL.path, file)
    }

    static func launcher(file: String, variables: [String: String]) -> ServiceLauncher {
        ServiceLauncher(
            locator: TestSupport.locator, scenarioFile: file,
            variables: variables.merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]) { a, _ in a })
    }

    static func service(_ command: [String], env: [String: String] = [:]) -> ServiceSpec {
        ServiceSpec(name: "A", kind: .command, command: command, environment: env)
    }

    @Test("${VAR} is expanded in the arguments, and the {port}/{name}/{downstream} placeholders still apply")
    func expandsArguments() throws {
        let (folder, file) = try Self.scenarioFolder()
        let launcher = Self.launcher(file: file, variables: ["TOKEN": "t-1", "DATA": "/srv/data"])
        let arguments = try launcher.arguments(
            for: Self.service(["./svc.sh", "--token=${TOKEN}", "${DATA}/in", "--port", "{port}", "{name}", "{downstream}"]),
            downstreamURLs: ["http://127.0.0.1:1", "http://127.0.0.1:2"])
        #expect(
            arguments == [
                folder + "/svc.sh", "--token=t-1", "/srv/data/in", "--port", "0", "A",
                "http://127.0.0.1:1,http://127.0.0.1:2",
            ])
    }

    @Test("an unset variable is an error naming the service, the argument and the variable")
    func unsetVariableInArguments() throws {
        let (_, file) = try Self.scenarioFolder()
        let launcher = Self.launcher(file: file, variables: [:])
        #expect(
            throws: RunnerError(
                code: .launchFailed,
                message: "A: command argument 2 '${CELLO_NOT_SET}/x' needs the environment variable CELLO_NOT_SET, which is not set")
        ) {
            try launcher.arguments(for: Self.service(["./svc.sh", "-v", "${CELLO_NOT_SET}/x"]), downstreamURLs: [])
        }
        #expect(throws: RunnerError.self) {
            try launcher.arguments(for: Self.service(["${CELLO_BIN}/svc"]), downstreamURLs: [])
        }
    }

    @Test("${VAR} is expanded in env values; an unset one names the service, the key and the variable")
    func expandsEnvironment() throws {
        let (_, file) = try Self.scenarioFolder()
        let launcher = Self.launcher(file: file, variables: ["SECRET": "s3"])
        let environment = try launcher.environment(
            for: Self.service(["./svc.sh"], env: ["API_KEY": "key-${SECRET}", "PLAIN": "as is"]), endpoint: "http://c:4317")
        #expect(environment["API_KEY"] == "key-s3")
        #expect(environment["PLAIN"] == "as is")
        #expect(environment["OTEL_SERVICE_NAME"] == "A")
        #expect(
            throws: RunnerError(
                code: .launchFailed,
                message: "A: env API_KEY '${MISSING}' needs the environment variable MISSING, which is not set")
        ) {
            try launcher.environment(for: Self.service(["./svc.sh"], env: ["API_KEY": "${MISSING}"]), endpoint: "")
        }
    }

    @Test("a relative program is resolved from the scenario file's folder; a bare name goes through PATH")
    func resolvesPrograms() throws {
        let (folder, file) = try Self.scenarioFolder()
        let launcher = Self.launcher(file: file, variables: [:])
        #expect(try launcher.arguments(for: Self.service(["bin/svc"]), downstreamURLs: []) == [folder + "/bin/svc"])
        #expect(try launcher.arguments(for: Self.service(["./bin/../svc.sh"]), downstreamURLs: []) == [folder + "/svc.sh"])
        let sh = try launcher.arguments(for: Self.service(["sh", "-c", "true"]), downstreamURLs: [])
        #expect(sh.first?.hasSuffix("/sh") == true && sh.first != "sh")
        #expect(launcher.workingFolder(for: Self.service(["sh"])) == folder)
        #expect(launcher.workingFolder(for: ServiceSpec(name: "D", kind: .demo)) == TestSupport.locator.root)
    }

    @Test("a missing or non-executable relative program is an error saying where it was looked for")
    func missingProgram() throws {
        let (folder, file) = try Self.scenarioFolder()
        let launcher = Self.launcher(file: file, variables: [:])
        do {
            _ = try launcher.arguments(for: Self.service(["./nope.sh"]), downstreamURLs: [])
            Issue.record("a missing program was accepted")
        } catch let error as RunnerError {
            #expect(error.code == .executableNotFound)
            #expect(error.message.contains("A: './nope.sh' not found at \(folder)/nope.sh"), "\(error.message)")
            #expect(error.message.contains("scenario file's folder"), "\(error.message)")
        }
        do {
            _ = try launcher.arguments(for: Self.service(["./not-executable.sh"]), downstreamURLs: [])
            Issue.record("a non-executable program was accepted")
        } catch let error as RunnerError {
            #expect(error.message.contains("is not executable"), "\(error.message)")
        }
        #expect(throws: RunnerError.self) {
            try launcher.arguments(for: Self.service(["cello-no-such-program-on-path"]), downstreamURLs: [])
        }
    }

    @Test("a scenario built in code (no file) runs commands from the package root")
    func noFile() {
        let launcher = ServiceLauncher(locator: TestSupport.locator)
        #expect(launcher.scenarioFolder == nil)
        #expect(launcher.commandFolder == TestSupport.locator.root)
    }

    @Test("started, the script runs in the scenario's folder with its arguments and env expanded")
    func startsTheScript() async throws {
        let (folder, file) = try Self.scenarioFolder()
        let launcher = Self.launcher(file: file, variables: ["CELLO_TEST_ARG": "from-runner", "CELLO_TEST_VAL": "v-42"])
        let service = Self.service(
            ["./svc.sh", "--arg=${CELLO_TEST_ARG}", "{name}"], env: ["CELLO_TEST_SERVICE_ENV": "${CELLO_TEST_VAL}"])
        let (process, ready) = try await launcher.start(
            service, downstreamURLs: [], endpoint: "http://127.0.0.1:4317", readyLimit: .seconds(20))
        let address = try ready.get()
        let output = process.output
        _ = await process.stop(grace: .seconds(5))
        #expect(address == "127.0.0.1:9")
        #expect(output.contains("out| pwd=\(folder)"), "\(output)")
        #expect(output.contains("out| arg=--arg=from-runner"), "\(output)")
        #expect(output.contains("out| arg=A"), "\(output)")
        #expect(output.contains("out| env=v-42"), "\(output)")
    }
}
