import CelloOTLP
import Logging
import Metrics
import Synchronization

/// Logs and counts the spans a collector said it rejected in an otherwise accepted export.
///
/// Spec: https://opentelemetry.io/docs/specs/otlp/#partial-success ("the client MUST NOT retry ... SHOULD log");
/// docs/cello-telemetry.md section 4 ("Partial success is logged and counted, not retried").
final class PartialSuccessRecorder: Sendable {
    /// Label of the swift-metrics counter of rejected spans.
    static let counterLabel = "cello_telemetry_spans_rejected_total"

    private let logger: Logger
    private let counter: Counter?
    private let total = Atomic<Int64>(0)

    init(logger: Logger, metricsFactory: (any MetricsFactory)?) {
        self.logger = logger
        self.counter = metricsFactory.map { Counter(label: Self.counterLabel, dimensions: [], factory: $0) }
    }

    /// Spans rejected so far by partial successes.
    var rejectedSpans: Int64 { total.load(ordering: .relaxed) }

    func record(_ partialSuccess: PartialSuccess?) {
        guard let partialSuccess, partialSuccess.rejectedSpans > 0 || !partialSuccess.errorMessage.isEmpty else {
            return
        }
        total.add(partialSuccess.rejectedSpans, ordering: .relaxed)
        counter?.increment(by: partialSuccess.rejectedSpans)
        logger.warning(
            "OTLP collector accepted the export partially",
            metadata: [
                "rejected_spans": "\(partialSuccess.rejectedSpans)",
                "error_message": "\(partialSuccess.errorMessage)",
            ]
        )
    }
}

extension PartialSuccess {
    /// The partial success of a response, nil when the collector sent none (the field is unset or empty).
    init?(_ response: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceResponse) {
        guard response.hasPartialSuccess else { return nil }
        self.init(
            rejectedSpans: response.partialSuccess.rejectedSpans,
            errorMessage: response.partialSuccess.errorMessage
        )
    }
}
