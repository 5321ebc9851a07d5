/// What a child task of the collector's `run()` was: one of the three listeners, or a helper.
enum ListenerTask: Sendable {
    case server
    case auxiliary
}
