import ArgumentParser
import CelloHTTP
import Foundation

// demo-service: parse flags, build the service, run it until SIGTERM/SIGINT. Bad input exits 2.
let command: DemoServiceCommand
do {
    command = try DemoServiceCommand.parse()
} catch {
    let code = DemoServiceCommand.exitCode(for: error)
    if code == .success {
        DemoServiceCommand.exit(withError: error)
    }
    FileHandle.standardError.write(Data("demo-service: \(DemoServiceCommand.message(for: error))\n".utf8))
    exit(2)
}

let settings: DemoServiceSettings
do {
    settings = try DemoServiceSettings(flags: command.flags, environment: ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("demo-service: \(error)\n".utf8))
    exit(2)
}

do {
    let app = try DemoService.makeApp(settings: settings)
    app.onServerRunning { address in
        ReadyLine.print(address)
    }
    try await app.run()
} catch {
    FileHandle.standardError.write(Data("demo-service: \(error)\n".utf8))
    exit(1)
}
