import Instrumentation
import Tracing

/// The SDK's tracer for swift-distributed-tracing: random ids, sampling at start, propagation through the
/// configured formats, sampled spans handed to a processor at end. Pass it explicitly or bootstrap it yourself:
/// nothing here touches `InstrumentationSystem`.
///
/// Spec: docs/cello-telemetry.md section 2; https://opentelemetry.io/docs/specs/otel/trace/sdk/#tracer-creation
public final class CelloTracer: Tracer, Sendable {
    public typealias Span = CelloSpan

    private let sampler: any Sampler
    private let propagator: any ContextPropagator
    private let sink: SpanSink
    private let limits: SpanLimits
    private let randomSource = IDRandomSource()

    public init(
        sampler: any Sampler,
        propagator: any ContextPropagator,
        processor: any SpanProcessor,
        resource: Resource,
        metrics: SDKMetrics = SDKMetrics(),
        limits: SpanLimits = SpanLimits()
    ) {
        self.sampler = sampler
        self.propagator = propagator
        self.sink = SpanSink(processor: processor, resource: resource, metrics: metrics)
        self.limits = limits
    }

    /// The resource every span carries.
    public var resource: Resource { sink.resource }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> CelloSpan {
        var serviceContext = context()
        var generator = randomSource.generator
        let parent = serviceContext.spanContext.flatMap { $0.isValid ? $0 : nil }
        let traceID = parent?.traceID ?? TraceID.random(using: &generator)
        let result = sampler.shouldSample(parent: parent, traceID: traceID, name: operationName, kind: kind)

        // A new root's trace id is random (W3C Level 2); a child keeps what its parent said.
        var flags: TraceFlags = parent.map { $0.traceFlags.intersection(.random) } ?? .random
        if result.decision.isSampled { flags.insert(.sampled) }
        // B3/Jaeger debug travels down the trace like the sampled flag, so outgoing calls write it again.
        let spanContext = SpanContext(
            traceID: traceID, spanID: SpanID.random(using: &generator), parentSpanID: parent?.spanID,
            traceFlags: flags, traceState: result.traceState, isRemote: false,
            isDebug: result.decision.isSampled && parent?.isDebug == true)
        serviceContext.spanContext = spanContext
        sink.metrics.countStarted()

        let recorder = result.decision.isRecording
            ? SpanRecorder(
                name: operationName, kind: kind, startTimeNanos: instant().nanosecondsSinceEpoch, limits: limits)
            : nil
        return CelloSpan(
            context: serviceContext, spanContext: spanContext, name: operationName, recorder: recorder, sink: sink)
    }

    /// Asks the processor to export what it holds soon; does not wait (use `Telemetry.forceFlush()` to wait).
    public func forceFlush() {
        sink.processor.requestFlush()
    }

    /// Reads the remote parent and baggage with the configured formats (the first valid context wins).
    public func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract
    ) where Extract.Carrier == Carrier {
        let found = propagator.extract(carrier, using: extractor)
        if let spanContext = found.spanContext { context.spanContext = spanContext }
        if let baggage = found.baggage {
            var merged = context.baggage ?? Baggage()
            for entry in baggage.entries { merged.set(entry) }
            context.baggage = merged
        }
    }

    /// Writes the current span context and baggage in every configured format.
    public func inject<Carrier, Inject: Injector>(
        _ context: ServiceContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        propagator.inject(context.spanContext, baggage: context.baggage, into: &carrier, using: injector)
    }
}
