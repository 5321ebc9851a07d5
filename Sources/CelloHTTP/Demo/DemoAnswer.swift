/// The JSON answer of the demo routes: who answered, what it received, and what its downstreams answered.
struct DemoAnswer: Encodable, Sendable {
    var service: String
    var route: String
    var id: String?
    var name: String?
    var status: Int?
    var sleptMs: Int?
    var spans: Int?
    var order: [String: String]?
    /// The propagation headers this instance received (see `ReceivedTraceHeaders`).
    var received: ReceivedTraceHeaders
    /// The downstreams' answers, in call order.
    var downstream: [JSONValue]?

    init(service: String, request: CelloRequest) {
        self.service = service
        self.route = request.route
        self.received = ReceivedTraceHeaders(request.headers)
    }
}

/// The answer when a downstream call failed (502).
struct DemoFailure: Encodable, Sendable {
    var service: String
    var error: String
    var downstream: String
    var received: ReceivedTraceHeaders
}
