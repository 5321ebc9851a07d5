import Foundation
import Synchronization

/// One service of a topology running as a child process: started, waited for by its ready line, always stopped.
///
/// docs/cello-telemetry.md section 7: services are waited for by their ready line, never by sleeping,
/// and are always stopped (and their output kept for the report). Stop is SIGTERM, then SIGKILL after a bound.
public final class ServiceProcess: Sendable {
    public let name: String
    public let commandLine: [String]
    private let process: Process
    private let state = Mutex(State())
    static let maxOutputLines = 4000

    struct State {
        var lines: [String] = []
        var pending: [String: [UInt8]] = [:]
        var readyAddress: String?
        var readyWaiter: CheckedContinuation<String?, Never>?
        var exitStatus: Int32?
        var exitWaiters: [UInt64: CheckedContinuation<Int32?, Never>] = [:]

        mutating func append(_ line: String, stream: String) {
            if lines.count < ServiceProcess.maxOutputLines { lines.append("\(stream)| \(line)") }
        }
    }

    /// Starts `arguments[0]` (an absolute path) with `environment` as its whole environment.
    /// - Throws: ``RunnerError`` `.launchFailed` when the program cannot be started.
    public init(name: String, arguments: [String], environment: [String: String], directory: String? = nil) throws {
        self.name = name
        self.commandLine = arguments
        process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [weak self] process in
            self?.exited(process.terminationStatus)
        }
        do {
            // Children inherit the spawning thread's signal mask, and Swift's worker threads block most signals:
            // a child would never see SIGTERM. Spawn with an empty mask, then restore this thread's.
            var empty = sigset_t()
            var previous = sigset_t()
            sigemptyset(&empty)
            pthread_sigmask(SIG_SETMASK, &empty, &previous)
            defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
            try process.run()
        } catch {
            throw RunnerError(code: .launchFailed, message: "\(name): cannot start \(arguments[0]): \(error)")
        }
        // One reader thread per pipe doing blocking reads until EOF: FileHandle's readabilityHandler (a dispatch
        // source) crashed libdispatch after a few hundred pipes on Linux.
        for (pipe, stream) in [(stdout, "out"), (stderr, "err")] {
            let handle = pipe.fileHandleForReading
            let reader = Thread { [weak self] in
                while true {
                    let data = handle.availableData
                    self?.received(data, stream: stream)
                    if data.isEmpty { break }
                }
                try? handle.close()
            }
            reader.name = "conformance.\(name).\(stream)"
            reader.start()
        }
    }

    public var processID: Int32 { process.processIdentifier }

    /// The exit status once the process has exited; nil while it runs.
    public var exitStatusIfExited: Int32? { state.withLock { $0.exitStatus } }

    /// The output so far, each line prefixed `out|` or `err|`.
    public var output: [String] { state.withLock { $0.lines } }

    /// Waits for the `ready http=HOST:PORT` line and returns `HOST:PORT`.
    /// - Throws: ``RunnerError`` `.exitedEarly` or `.notReady` (after `limit`).
    public func waitUntilReady(limit: Duration) async throws -> String {
        let address = await withDeadline(limit) { [self] in
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                    let immediate: String?? = state.withLock { state in
                        if let address = state.readyAddress { return .some(address) }
                        if state.exitStatus != nil || Task.isCancelled { return .some(nil) }
                        state.readyWaiter = continuation
                        return .none
                    }
                    if let immediate { continuation.resume(returning: immediate) }
                }
            } onCancel: {
                let waiter = state.withLock { state in
                    defer { state.readyWaiter = nil }
                    return state.readyWaiter
                }
                waiter?.resume(returning: nil)
            }
        }
        if let address, let address { return address }
        if let status = state.withLock({ $0.exitStatus }) {
            throw RunnerError(code: .exitedEarly, message: "\(name) exited with status \(status) before its ready line")
        }
        throw RunnerError(code: .notReady, message: "\(name) printed no 'ready http=HOST:PORT' line within \(limit)")
    }

    /// Sends SIGTERM, waits up to `grace` for the exit, then SIGKILL. Returns the exit status and whether it was killed.
    @discardableResult
    public func stop(grace: Duration) async -> (status: Int32, killed: Bool) {
        if let status = state.withLock({ $0.exitStatus }) { return (status, false) }
        kill(process.processIdentifier, SIGTERM)
        if let status = await withDeadline(grace, { await self.waitForExit() }), let status { return (status, false) }
        kill(process.processIdentifier, SIGKILL)
        let status = await withDeadline(.seconds(10)) { await self.waitForExit() }
        return ((status ?? nil) ?? -9, true)
    }

    /// Waits for the process to exit; returns nil when the waiting task is cancelled (bound it with a deadline).
    public func waitForExit() async -> Int32? {
        let id = UInt64.random(in: 0...UInt64.max)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32?, Never>) in
                let status: Int32?? = state.withLock { state in
                    if let status = state.exitStatus { return .some(status) }
                    if Task.isCancelled { return .some(nil) }
                    state.exitWaiters[id] = continuation
                    return .none
                }
                if let status { continuation.resume(returning: status) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.exitWaiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }

    private func received(_ data: Data, stream: String) {
        let waiter: CheckedContinuation<String?, Never>?
        let address: String?
        (waiter, address) = state.withLock { state in
            var buffer = state.pending[stream, default: []]
            buffer.append(contentsOf: data)
            var found: String?
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                state.append(line, stream: stream)
                if stream == "out", state.readyAddress == nil, line.hasPrefix("ready http=") {
                    found = String(line.dropFirst("ready http=".count)).trimmingCharacters(in: .whitespaces)
                    state.readyAddress = found
                }
            }
            if data.isEmpty, !buffer.isEmpty {
                state.append(String(decoding: buffer, as: UTF8.self), stream: stream)
                buffer = []
            }
            state.pending[stream] = buffer
            guard found != nil else { return (nil, nil) }
            defer { state.readyWaiter = nil }
            return (state.readyWaiter, found)
        }
        waiter?.resume(returning: address)
    }

    private func exited(_ status: Int32) {
        let (readyWaiter, exitWaiters) = state.withLock { state in
            state.exitStatus = status
            defer {
                state.readyWaiter = nil
                state.exitWaiters = [:]
            }
            return (state.readyWaiter, state.exitWaiters)
        }
        readyWaiter?.resume(returning: nil)
        for waiter in exitWaiters.values { waiter.resume(returning: status) }
    }
}
