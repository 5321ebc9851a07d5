internal import NIOCore

/// The server's open connections: ids, the `maxConnections` bound and the channels to close at shutdown.
///
/// A plain state machine, kept in a `Mutex` by ``HTTP2WireServer`` (docs/cello-telemetry.md section 6,
/// "bounded concurrent streams and connections").
struct HTTP2ConnectionRegistry {
    enum Admission: Equatable {
        case accepted(UInt64)
        case refused(UInt64)
    }

    let maxConnections: Int
    private var nextID: UInt64 = 1
    private var open: [UInt64: any Channel] = [:]
    private(set) var refusedCount = 0
    private(set) var isShutDown = false

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var openCount: Int { open.count }

    mutating func admit(_ channel: any Channel) -> Admission {
        let id = nextID
        nextID += 1
        guard !isShutDown, open.count < maxConnections else {
            refusedCount += 1
            return .refused(id)
        }
        open[id] = channel
        return .accepted(id)
    }

    mutating func closed(_ id: UInt64) {
        open[id] = nil
    }

    /// Stops admitting; returns the channels to close.
    mutating func shutDown() -> [any Channel] {
        isShutDown = true
        return Array(open.values)
    }
}
