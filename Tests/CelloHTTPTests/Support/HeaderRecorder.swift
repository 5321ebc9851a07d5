import CelloHTTP
import HTTPTypes
import Synchronization

/// A plain App (no telemetry) that records the header fields of every request it gets and answers 200 `{}`: the
/// downstream whose view of the wire tests check.
final class HeaderRecorder: Sendable {
    private let fields = Mutex<[HTTPFields]>([])

    /// The fields of every request received so far, in arrival order.
    var received: [HTTPFields] { self.fields.withLock { $0 } }

    /// An App on 127.0.0.1 port 0 that records at each GET route template.
    func makeApp(routes: [String]) -> App {
        let app = App(host: "127.0.0.1", port: 0)
        for route in routes {
            app.get(route) { request in
                self.fields.withLock { $0.append(request.headers) }
                return CelloResponse(status: .ok, headers: [.contentType: "application/json"], body: Array("{}".utf8))
            }
        }
        return app
    }
}
