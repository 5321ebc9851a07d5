import FakeCollector
import Foundation

/// The stall probe at run time (docs/cello-telemetry.md section 7, verify-exporter): over HTTP a timeout is invisible
/// on the wire, so the collector stalls one export on purpose, the second (after a first was answered), and
/// measures when the exporter gives up on it. An exporter that does not give up within the bound (--timeout-ms +
/// tolerance + a grace) has its stall released, so the run stays bounded whatever the exporter does.
struct StallProbe: Sendable {
    /// Lets the first export on the receiver through, stalls the second, answers the rest.
    static func plan(for exportProtocol: String) -> FaultPlan {
        let rule = FaultRule(action: .stall, count: 1, after: 1)
        return exportProtocol == "grpc" ? FaultPlan(grpc: [rule]) : FaultPlan(http: [rule])
    }

    /// What ``watch()`` saw: the stalled request and whether the probe released it.
    struct Watched: Sendable, Hashable {
        var requestId: Int
        var releaseCalled: Bool
    }

    let collector: FakeCollector
    /// From the stalled request's arrival.
    let releaseAfter: Duration

    /// Waits for the stalled request (until cancelled: the command ended without a second export), then for its
    /// end; releases it once `releaseAfter` has passed since its arrival. Nil when nothing stalled.
    func watch() async -> Watched? {
        let stallName = FaultAction.stall.rawValue
        await collector.waitForRequests { records in records.contains { $0.fault == stallName } }
        guard let stalled = collector.exportRequests().first(where: { $0.fault == stallName }) else { return nil }
        let id = stalled.id
        let collector = self.collector
        let elapsed = Duration.milliseconds(Int(Date().timeIntervalSince(stalled.arrivalTime) * 1000))
        if releaseAfter > elapsed {
            _ = await withDeadline(releaseAfter - elapsed) {
                await collector.waitForRequests { Self.ended(id, $0) }
                return true
            }
        }
        if Self.ended(id, collector.exportRequests()) { return Watched(requestId: id, releaseCalled: false) }
        collector.releaseStalls()
        // The release ends the request at once (connection dropped or stream reset); the bound is a safety net.
        _ = await withDeadline(.seconds(5)) {
            await collector.waitForRequests { Self.ended(id, $0) }
            return true
        }
        return Watched(requestId: id, releaseCalled: true)
    }

    /// Whether request `id` has ended (or is gone from the log).
    static func ended(_ id: Int, _ records: [ExportRequestRecord]) -> Bool {
        records.first { $0.id == id }.map { $0.end != .pending } ?? true
    }

    /// The observation for the report, from the collector's record of the stalled request.
    static func observation(
        _ watched: Watched, records: [ExportRequestRecord], releaseAfterMs: Int, commandExit: Date?
    ) -> StallObservation {
        let record = records.first { $0.id == watched.requestId }
        let end = record?.end ?? .pending
        // A closed connection looks the same whether the exporter gave up or its process ended. It gave up on its
        // own when it reset the stream, or exported again afterwards; otherwise an end within 100 ms of the exit
        // is noted.
        var endedWithCommand = false
        if end == .connectionClosed, let commandExit, let endTime = record?.endTime,
            !records.contains(where: { $0.arrivalTime > endTime })
        {
            endedWithCommand = abs(endTime.timeIntervalSince(commandExit)) < 0.1
        }
        return StallObservation(
            requestId: watched.requestId, openMs: record?.durationMs, end: end.rawValue,
            released: watched.releaseCalled && end == .serverFault, releaseAfterMs: releaseAfterMs,
            endedWithCommand: endedWithCommand && !watched.releaseCalled)
    }
}
