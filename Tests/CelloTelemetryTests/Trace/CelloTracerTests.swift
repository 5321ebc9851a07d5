import CelloTelemetry
import Metrics
import MetricsTestKit
import Testing
import Tracing

@Suite("CelloTracer")
struct CelloTracerTests {
    @Test("a root span gets valid random ids, the random flag and no parent", arguments: [true, false])
    func rootSpan(_ sampled: Bool) throws {
        let (tracer, _) = CelloTracer.testing(sampler: sampled ? AlwaysOnSampler() : AlwaysOffSampler())
        let span = tracer.startSpan("root", context: .topLevel)
        let context = span.spanContext
        #expect(context.isValid)
        #expect(context.parentSpanID == nil)
        #expect(context.traceFlags.contains(.random))
        #expect(context.isSampled == sampled)
        #expect(span.isRecording == sampled)
        #expect(span.context.spanContext == context)
        span.end()
    }

    @Test("a child keeps the trace id and names its parent")
    func childSpan() throws {
        let (tracer, processor) = CelloTracer.testing()
        let parent = tracer.startSpan("parent", context: .topLevel)
        let child = tracer.startSpan("child", context: parent.context, ofKind: .client)
        #expect(child.spanContext.traceID == parent.spanContext.traceID)
        #expect(child.spanContext.parentSpanID == parent.spanContext.spanID)
        #expect(child.spanContext.spanID != parent.spanContext.spanID)
        child.end()
        parent.end()
        let finished = processor.finished
        #expect(finished.map(\.name) == ["child", "parent"])
        #expect(finished[0].kind == .client)
        #expect(finished[0].resource.serviceName == "test")
        #expect(finished[0].instrumentationScope.name == "cello-telemetry")
    }

    @Test("attributes, events, links and status are recorded")
    func recording() throws {
        let (tracer, processor) = CelloTracer.testing()
        let other = tracer.startSpan("other", context: .topLevel)
        let span = tracer.startSpan("work", context: .topLevel, ofKind: .server)
        span.attributes["http.request.method"] = "GET"
        span.attributes["http.response.status_code"] = 200
        span.addEvent(SpanEvent(name: "cache.miss", attributes: ["key": "a"]))
        span.recordError(TestError())
        span.addLink(SpanLink(context: other.context, attributes: ["why": "batch"]))
        span.setStatus(SpanStatus(code: .error, message: "boom"))
        span.operationName = "renamed"
        span.end()
        let finished = try #require(processor.finished.first)
        #expect(finished.name == "renamed")
        #expect(finished.attributes.get("http.request.method") == .string("GET"))
        #expect(finished.attributes.get("http.response.status_code") == .int64(200))
        #expect(finished.events.map(\.name) == ["cache.miss", "exception"])
        #expect(finished.events[1].attributes.get("exception.type") != nil)
        #expect(finished.links.first?.context == other.spanContext)
        #expect(finished.status == SpanStatus(code: .error, message: "boom"))
        #expect(finished.endTimeNanos >= finished.startTimeNanos)
        #expect(finished.startTimeNanos > 1_600_000_000_000_000_000)
    }

    struct TestError: Error {}

    @Test("ending twice hands over one span; nothing changes after end")
    func endOnce() {
        let (tracer, processor) = CelloTracer.testing()
        let span = tracer.startSpan("once", context: .topLevel)
        span.end()
        span.attributes["late"] = "x"
        span.end()
        #expect(processor.finished.count == 1)
        #expect(processor.finished[0].attributes.get("late") == nil)
        #expect(span.isRecording == false)
    }

    @Test("an Ok status is final")
    func okIsFinal() throws {
        let (tracer, processor) = CelloTracer.testing()
        let span = tracer.startSpan("s", context: .topLevel)
        span.setStatus(SpanStatus(code: .ok))
        span.setStatus(SpanStatus(code: .error, message: "late"))
        span.end()
        #expect(try #require(processor.finished.first).status?.code == .ok)
    }

    @Test("span limits drop and count what is over")
    func limits() throws {
        let (tracer, processor) = CelloTracer.testing(limits: SpanLimits(maxAttributes: 2, maxEvents: 1, maxLinks: 1))
        let span = tracer.startSpan("s", context: .topLevel)
        span.attributes = ["a": 1, "b": 2, "c": 3]
        span.addEvent("e1")
        span.addEvent("e2")
        span.end()
        let finished = try #require(processor.finished.first)
        #expect(finished.attributes.count == 2 && finished.droppedAttributesCount == 1)
        #expect(finished.events.count == 1 && finished.droppedEventsCount == 1)
    }

    @Test("an unsampled span records nothing but propagates its trace id with the sampled flag off")
    func unsampledPropagates() throws {
        let (tracer, processor) = CelloTracer.testing(sampler: ParentBasedSampler(root: AlwaysOffSampler()))
        let root = tracer.startSpan("root", context: .topLevel)
        root.attributes["ignored"] = "x"
        #expect(root.attributes.isEmpty)
        var headers: [String: String] = [:]
        tracer.inject(root.context, into: &headers, using: HeaderInjector())
        let traceparent = try #require(headers["traceparent"])
        #expect(traceparent.hasPrefix("00-\(root.spanContext.traceID.hexString)-"))
        #expect(traceparent.hasSuffix("-02"))  // random flag only: not sampled

        var remote = ServiceContext.topLevel
        tracer.extract(headers, into: &remote, using: HeaderExtractor())
        let child = tracer.startSpan("downstream", context: remote)
        #expect(child.spanContext.traceID == root.spanContext.traceID)
        #expect(child.isRecording == false)
        child.end()
        root.end()
        #expect(processor.finished.isEmpty)
    }

    @Test("a remote parent is continued; an invalid header starts a new trace")
    func extractParent() throws {
        let (tracer, _) = CelloTracer.testing()
        var context = ServiceContext.topLevel
        tracer.extract(
            ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "baggage": "user=a"],
            into: &context, using: HeaderExtractor())
        let child = tracer.startSpan("child", context: context)
        #expect(child.spanContext.traceID == Fixtures.traceID)
        #expect(child.spanContext.parentSpanID == Fixtures.spanID)
        #expect(child.spanContext.traceFlags == .sampled)  // the parent did not say its id was random
        #expect(child.context.baggage?["user"] == "a")

        var bad = ServiceContext.topLevel
        tracer.extract(
            ["traceparent": "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"], into: &bad,
            using: HeaderExtractor())
        let fresh = tracer.startSpan("fresh", context: bad)
        #expect(fresh.spanContext.traceID != Fixtures.traceID)
        #expect(fresh.spanContext.parentSpanID == nil)
    }

    @Test(
        "a child of a B3 or Jaeger debug parent is debug too and its outgoing call says so again",
        arguments: [
            ([Propagation.b3], "b3", "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-d", "-d"),
            ([Propagation.jaeger], "uber-trace-id", "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:2", ":03"),
        ])
    func debugCarriedOn(_ propagation: [Propagation], _ name: String, _ header: String, _ suffix: String) throws {
        let (tracer, _) = CelloTracer.testing(
            sampler: ParentBasedSampler(root: AlwaysOffSampler()), propagation: propagation)
        var context = ServiceContext.topLevel
        tracer.extract([name: header], into: &context, using: HeaderExtractor())
        let server = tracer.startSpan("server", context: context, ofKind: .server)
        let client = tracer.startSpan("client", context: server.context, ofKind: .client)
        #expect(server.spanContext.isDebug && client.spanContext.isDebug && client.isRecording)
        var headers: [String: String] = [:]
        tracer.inject(client.context, into: &headers, using: HeaderInjector())
        let sent = try #require(headers[name])
        #expect(sent.hasPrefix("4bf92f3577b34da6a3ce929d0e0e4736"))
        #expect(sent.hasSuffix(suffix))
        client.end()
        server.end()
        let root = tracer.startSpan("root", context: .topLevel)
        #expect(!root.spanContext.isDebug)
        root.end()
    }

    @Test("the same trace id gets the same decision at every hop")
    func sameDecisionEveryHop() throws {
        let services = (0..<3).map { _ in
            CelloTracer.testing(sampler: ParentBasedSampler(root: TraceIDRatioSampler(probability: 0.5))).0
        }
        var sampledRoots = 0
        for _ in 0..<500 {
            var context = ServiceContext.topLevel
            var decisions: [Bool] = []
            var traceIDs: Set<TraceID> = []
            for tracer in services {
                let span = tracer.startSpan("hop", context: context, ofKind: .server)
                decisions.append(span.spanContext.isSampled)
                traceIDs.insert(span.spanContext.traceID)
                var headers: [String: String] = [:]
                tracer.inject(span.context, into: &headers, using: HeaderInjector())
                span.end()
                context = .topLevel
                tracer.extract(headers, into: &context, using: HeaderExtractor())
            }
            #expect(Set(decisions).count == 1)
            #expect(traceIDs.count == 1)
            if decisions[0] { sampledRoots += 1 }
            // A fresh ratio sampler anywhere agrees with the root's decision.
            let id = try #require(traceIDs.first)
            #expect(
                TraceIDRatioSampler(probability: 0.5).shouldSample(parent: nil, traceID: id, name: "x", kind: .server)
                    .decision.isSampled == decisions[0])
        }
        #expect(sampledRoots > 0 && sampledRoots < 500)
    }

    @Test("self-metrics count started and ended spans")
    func selfMetrics() throws {
        let registry = TestMetrics()
        let (tracer, _) = CelloTracer.testing(sampler: AlwaysOffSampler(), metrics: SDKMetrics(factory: registry))
        for _ in 0..<3 { tracer.startSpan("s", context: .topLevel).end() }
        #expect(try registry.expectCounter(SDKMetrics.spansStartedLabel).totalValue == 3)
        #expect(try registry.expectCounter(SDKMetrics.spansEndedLabel).totalValue == 3)
    }

    @Test("forceFlush asks the processor to flush")
    func forceFlush() {
        let (tracer, processor) = CelloTracer.testing()
        tracer.forceFlush()
        #expect(processor.flushRequests == 1)
    }

    @Test("withSpan runs through the tracer and ends the span")
    func withSpanAPI() throws {
        let (tracer, processor) = CelloTracer.testing()
        let value = tracer.withSpan("db.fetch_order") { span in
            span.attributes["db.system"] = "postgresql"
            return 42
        }
        #expect(value == 42)
        #expect(try #require(processor.finished.first).name == "db.fetch_order")
    }

    @Test("the tracer's own ids sample at the configured rate: 20,000 roots inside the binomial 99.9% interval")
    func tracerIDsAreUniform() {
        let (tracer, _) = CelloTracer.testing(
            sampler: ParentBasedSampler(root: TraceIDRatioSampler(probability: 0.25)))
        let n = 20_000
        var kept = 0
        var ids = Set<TraceID>()
        for _ in 0..<n {
            let context = tracer.startSpan("root", context: .topLevel).spanContext
            if context.isSampled { kept += 1 }
            ids.insert(context.traceID)
        }
        let mean = Double(n) * 0.25
        let slack = 3.2905 * (Double(n) * 0.25 * 0.75).squareRoot()
        #expect(abs(Double(kept) - mean) <= slack, "kept \(kept)")
        #expect(ids.count == n)
    }
}
