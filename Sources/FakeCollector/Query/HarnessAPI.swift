import Hummingbird
import NIOCore

/// The harness endpoints under `/harness/` (docs/cello-telemetry.md section 6; JSON shapes in
/// docs/harness-api.md): export requests with their metadata, wire findings, reset, fault plans and store counters.
struct HarnessAPI: Sendable {
    let store: SpanStore
    let log: RequestLog
    let faults: FaultSelector
    let maxPlanBytes = 1 << 20

    /// Answers a `/harness/…` request; nil when the path is not a harness endpoint.
    func respond(to request: Request) async -> Response? {
        let path = request.uri.path
        guard path.hasPrefix("/harness/") else { return nil }
        switch (request.method, path) {
        case (.get, "/harness/requests"):
            return HTTPAnswer.json(200, ["requests": log.records().map(\.jsonObject)])
        case (.get, "/harness/findings"):
            return HTTPAnswer.json(200, ["findings": log.findings().map(\.jsonObject)])
        case (.post, "/harness/reset"):
            reset()
            return HTTPAnswer.make(204)
        case (.get, "/harness/faults"):
            return HTTPAnswer.make(200, contentType: "application/json", body: faults.plan.jsonBytes())
        case (.put, "/harness/faults"):
            var request = request
            guard let buffer = try? await request.collectBody(upTo: maxPlanBytes) else {
                return HTTPAnswer.json(413, ["error": "fault plan larger than \(maxPlanBytes) bytes"])
            }
            do {
                faults.setPlan(try FaultPlan.parse(String(decoding: buffer.readableBytesView, as: UTF8.self)))
                return HTTPAnswer.make(204)
            } catch {
                return HTTPAnswer.json(400, ["error": error.message])
            }
        case (.get, "/harness/stats"):
            let stats = store.stats
            let counts = log.counts()
            return HTTPAnswer.json(200, [
                "spansStored": stats.spansStored, "spansEvicted": stats.spansEvicted,
                "tracesStored": stats.tracesStored, "tracesEvicted": stats.tracesEvicted,
                "bytesStored": stats.bytesStored,
                "requests": Dictionary(uniqueKeysWithValues: ExportSignal.allCases.map { ($0.rawValue, counts[$0] ?? 0) }),
            ] as [String: Any])
        case (_, "/harness/requests"), (_, "/harness/findings"), (_, "/harness/reset"), (_, "/harness/faults"),
            (_, "/harness/stats"):
            return HTTPAnswer.json(405, ["error": "method \(request.method) not allowed on \(path)"])
        default:
            return HTTPAnswer.json(404, ["error": "unknown harness endpoint \(path)"])
        }
    }

    func reset() {
        log.removeAll()
        store.removeAll()
    }
}
