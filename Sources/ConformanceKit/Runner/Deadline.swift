/// Runs `body` with a time bound: returns its value, or nil once `limit` passed (the body is then cancelled).
///
/// This bounds a wait on an event (a ready line, a process exit); it never stands in for the event itself.
func withDeadline<T: Sendable>(
    _ limit: Duration, _ body: @escaping @Sendable () async throws -> T
) async rethrows -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
