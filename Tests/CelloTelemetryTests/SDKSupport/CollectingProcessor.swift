import CelloTelemetry
import Synchronization

/// A span processor that keeps what it is given, synchronously, for tracer tests.
final class CollectingProcessor: SpanProcessor {
    private let spans = Mutex<[FinishedSpan]>([])
    private let flushes = Mutex(0)

    var finished: [FinishedSpan] { spans.withLock { $0 } }
    var flushRequests: Int { flushes.withLock { $0 } }

    func onEnd(_ span: FinishedSpan) {
        spans.withLock { $0.append(span) }
    }

    func requestFlush() {
        flushes.withLock { $0 += 1 }
    }
}

extension CelloTracer {
    static func testing(
        sampler: any Sampler = AlwaysOnSampler(), propagation: [Propagation] = [.w3c],
        metrics: SDKMetrics = SDKMetrics(), limits: SpanLimits = SpanLimits()
    ) -> (CelloTracer, CollectingProcessor) {
        let processor = CollectingProcessor()
        let tracer = CelloTracer(
            sampler: sampler, propagator: CompositePropagator(propagation), processor: processor,
            resource: Resource(serviceName: "test"), metrics: metrics, limits: limits)
        return (tracer, processor)
    }
}
