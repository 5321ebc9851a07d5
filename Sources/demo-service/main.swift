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
    // The executable, not the library, chooses the process-wide tracer: the global `withSpan` in handlers and
    // every library instrumented for swift-distributed-tracing then report into this service's traces.
    if app.isTelemetryEnabled { try app.bootstrapInstrumentationSystem() }
    app.onServerRunning { address in
        ReadyLine.print(address)
    }
    try await app.run()
} catch {
    FileHandle.standardError.write(Data("demo-service: \(error)\n".utf8))
    exit(1)
}
