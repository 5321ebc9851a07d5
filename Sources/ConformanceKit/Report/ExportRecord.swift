import Foundation

/// One export request on the verify-exporter HTML report's timeline: its collector request id, batch size,
/// `grpc-timeout`, and when it arrived and how long it was open (from the collector's clock).
public struct ExportRecord: Sendable, Hashable, Codable {
    /// The collector's request id (`request #N` in findings); nil when only the arrival order is known.
    public var id: Int?
    public var spanCount: Int
    public var grpcTimeoutMs: Double?
    /// Arrival, in milliseconds after the first request's arrival.
    public var startMs: Double?
    public var durationMs: Double?
    /// The answer (`0` / `200`, or a status code) and how the request ended (`answered`, `client-reset`, ...).
    public var status: String?
    public var end: String?

    public init(
        id: Int?,
        spanCount: Int,
        grpcTimeoutMs: Double? = nil,
        startMs: Double? = nil,
        durationMs: Double? = nil,
        status: String? = nil,
        end: String? = nil
    ) {
        self.id = id
        self.spanCount = spanCount
        self.grpcTimeoutMs = grpcTimeoutMs
        self.startMs = startMs
        self.durationMs = durationMs
        self.status = status
        self.end = end
    }

    /// The records of the collector's trace export requests, times relative to the first arrival.
    public static func records(_ requests: [HarnessRequest]) -> [ExportRecord] {
        let origin = requests.compactMap(\.arrivalTime).min()
        return requests.map { request in
            ExportRecord(
                id: request.id,
                spanCount: request.spanCount,
                grpcTimeoutMs: request.grpcTimeoutMs,
                startMs: origin.flatMap { origin in request.arrivalTime.map { $0.timeIntervalSince(origin) * 1000 } },
                durationMs: request.openMs,
                status: request.status,
                end: request.end
            )
        }
    }

    /// What a verification alone tells: the batch sizes in arrival order, and the `grpc-timeout` of each when
    /// every request sent one (the values are listed without gaps, so they only line up then).
    public static func records(_ run: ExporterVerification) -> [ExportRecord] {
        let aligned = run.grpcTimeoutsMs.count == run.batchSizes.count
        return run.batchSizes.enumerated().map { position, size in
            ExportRecord(id: nil, spanCount: size, grpcTimeoutMs: aligned ? run.grpcTimeoutsMs[position] : nil)
        }
    }
}
