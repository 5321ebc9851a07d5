import Foundation
import Testing

@testable import ConformanceKit

/// Fabricated observations: what conforming services leave behind for a scenario (spans, the requests between hops,
/// export requests, traffic outcomes), built in memory. A test starts from a clean run and breaks one thing, so every
/// rule of the judge is held to a pass and to each defect without starting a process or opening a socket.
enum Fixture {
    /// When the runner "sent the first SIGTERM"; conforming exports arrive just after it (flushed at shutdown).
    static let stopStarted = Date(timeIntervalSince1970: 1_700_000_000)
    static let path = "/api/chain"
    /// The server span name every service gets for the traffic's `GET /api/chain`.
    static let serverName = "GET \(path)"

    // MARK: Scenario

    /// `A -> B -> C`: each service calls the next one.
    static func chain(_ names: [String] = ["A", "B", "C"]) -> [ServiceSpec] {
        names.enumerated().map { index, name in
            ServiceSpec(name: name, downstream: index + 1 < names.count ? [names[index + 1]] : [])
        }
    }

    /// `A -> [B, C]`: A calls both.
    static func fanOut() -> [ServiceSpec] {
        [ServiceSpec(name: "A", downstream: ["B", "C"]), ServiceSpec(name: "B"), ServiceSpec(name: "C")]
    }

    static func scenario(
        _ services: [ServiceSpec] = chain(),
        count: Int = 4,
        headers: [TrafficHeader] = [],
        faults: String? = nil,
        expectations: Expectations = Expectations()
    ) -> Scenario {
        var traffic = TrafficSpec(path: path, count: count)
        traffic.headers = headers
        return Scenario(
            name: "fixture",
            services: services,
            collector: CollectorSpec(faults: faults),
            traffic: traffic,
            expectations: expectations
        )
    }

    // MARK: Values

    static func span(
        trace: String,
        id: String,
        parent: String?,
        kind: Int,
        service: String,
        name: String? = nil,
        traceState: String = "",
        startNanos: UInt64 = 1_700_000_000_000_000_000,
        durationMs: Double = 20,
        attributes: [String: AttributeValue] = [:]
    ) -> QueriedSpan {
        QueriedSpan(
            traceID: trace,
            spanID: id,
            parentSpanID: parent,
            name: name ?? (kind == 2 ? serverName : "GET"),
            kind: kind,
            startNanos: startNanos,
            endNanos: startNanos + UInt64(durationMs * 1_000_000),
            service: service,
            attributes: attributes,
            flags: 1,
            traceState: traceState
        )
    }

    static func hop(_ source: String, _ target: String, _ headers: [(name: String, value: String)]) -> RecordedHop {
        RecordedHop(source: source, target: target, method: "GET", path: path, headers: headers, time: stopStarted)
    }

    static func request(
        id: Int,
        service: String,
        protocol exportProtocol: String = "grpc",
        compression: String = "none",
        headers: [String: String] = [:],
        spanCount: Int = 1,
        grpcTimeoutMs: Double? = nil,
        fault: String? = nil,
        durationMs: Double? = 2,
        arrival: Date? = nil,
        traceIDs: [String] = []
    ) -> HarnessRequest {
        HarnessRequest(
            id: id,
            exportProtocol: exportProtocol,
            headers: headers,
            compression: compression,
            spanCount: spanCount,
            grpcTimeoutMs: grpcTimeoutMs,
            arrivalTime: arrival ?? stopStarted.addingTimeInterval(0.1 + Double(id) / 100),
            durationMs: durationMs,
            fault: fault,
            traceIDs: traceIDs,
            serviceNames: [service]
        )
    }

    static func traffic(
        count: Int,
        status: Int? = 200,
        latencyMs: Double = 5,
        sentHeaders: [[TrafficHeader]] = []
    ) -> TrafficResult {
        var result = TrafficResult()
        result.outcomes = Array(
            repeating: TrafficResult.Outcome(
                status: status,
                latencyMs: latencyMs,
                error: status == nil ? "refused" : nil
            ),
            count: count
        )
        result.sentHeaders = sentHeaders
        result.start = stopStarted.addingTimeInterval(-5)
        result.end = stopStarted.addingTimeInterval(-1)
        return result
    }

    // MARK: Ids

    static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A trace id whose sampling randomness (the low 56 bits) is `randomness`.
    static func traceID(randomness: UInt64, high: UInt64 = 0x4bf9_2f35_77b3_4da6) -> String {
        hex(high, width: 16) + hex(0xa3 << 56 | randomness & (1 << 56 - 1), width: 16)
    }

    /// Trace `index` of `count`, its randomness spread evenly over 0 ..< 2^56 (the midpoint of each slice), so the
    /// consistent-probability rule keeps exactly the top `rate` share of them.
    static func traceID(_ index: Int, of count: Int) -> String {
        let slice = (UInt64(1) << 56) / UInt64(max(count, 1))
        return traceID(randomness: slice * UInt64(index) + slice / 2, high: 0x4bf9_2f35_77b3_4da6 &+ UInt64(index))
    }

    /// The consistent-probability decision the judge expects of a root at `rate` (R >= T).
    static func keeps(_ trace: String, rate: Double) -> Bool {
        let threshold = SamplingCheck.threshold(rate)
        return threshold < 1 << 56 && SamplingCheck.randomness(trace) >= threshold
    }

    // MARK: A clean run

    /// What conforming services leave behind for `scenario`: one trace per traffic request (continuing the context
    /// the traffic carries in, if any), every service injecting each configured format and forwarding tracestate and
    /// baggage unchanged, each root deciding by R >= T and recording `ot=th`, every other hop following its parent's
    /// flag, and each service exporting its spans after SIGTERM under its own name and settings (in batches of its
    /// batch size). A service whose receiver the fault plan stalls stores nothing and its exports stall for its
    /// timeout.
    /// - Parameters:
    ///   - traceIDs: the trace id of each request; by default ``traceID(_:of:)``.
    ///   - rootDecision: overrides the root's sampling decision (a root that breaks the rule).
    static func run(
        _ scenario: Scenario,
        traceIDs: [String]? = nil,
        rootDecision: ((String) -> Bool)? = nil
    ) -> Observations {
        var simulation = Simulation(scenario: scenario)
        let count = scenario.traffic.count
        var sentHeaders: [[TrafficHeader]] = []
        for index in 0..<count {
            let trace = traceIDs?[index] ?? traceID(index, of: count)
            let headers = fill(scenario.traffic.headers, trace: trace, index: index)
            if !headers.isEmpty { sentHeaders.append(headers) }
            simulation.request(trace: trace, headers: headers, rootDecision: rootDecision)
        }
        var observed = Observations(
            scenario: scenario,
            spans: simulation.spans,
            requests: [],
            findings: [],
            hops: simulation.hops,
            traffic: traffic(count: count, sentHeaders: sentHeaders),
            services: scenario.services.filter { $0.kind != .external }.map {
                ServiceRun(
                    name: $0.name,
                    kind: $0.kind.description,
                    commandLine: [],
                    address: "127.0.0.1:0",
                    exitStatus: 0,
                    killed: false,
                    output: []
                )
            },
            stopStarted: stopStarted,
            backendName: "fake-collector"
        )
        var requests: [HarnessRequest] = []
        for service in scenario.services {
            let own = observed.spans.filter { $0.service == service.name }
            guard !own.isEmpty else { continue }
            let settings = service.settings
            let stalled = observed.stalls(service)
            let size = settings.batchSize ?? own.count
            for start in stride(from: 0, to: own.count, by: size) {
                let batch = own[start..<min(start + size, own.count)]
                requests.append(
                    request(
                        id: requests.count + 1,
                        service: service.name,
                        protocol: settings.exportProtocol,
                        compression: settings.compression ?? "none",
                        headers: settings.headers,
                        spanCount: batch.count,
                        grpcTimeoutMs: service.usesGRPC ? Double(settings.exportTimeoutMs ?? 10_000) : nil,
                        fault: stalled ? "stall" : nil,
                        durationMs: stalled ? Double(settings.exportTimeoutMs ?? 10_000) : 2,
                        traceIDs: Array(Set(batch.map(\.traceID))).sorted()
                    )
                )
            }
            // A stalled export never answers, so the collector stores none of its spans.
            if stalled { observed.spans.removeAll { $0.service == service.name } }
        }
        observed.requests = requests
        return observed
    }

    /// The traffic headers of request `index`, placeholders filled as the traffic driver fills them.
    static func fill(_ headers: [TrafficHeader], trace: String, index: Int) -> [TrafficHeader] {
        let values = [
            "{traceId}": trace, "{traceId64}": String(trace.suffix(16)),
            "{spanId}": hex(0xe457_b5a2_0000_0000 + UInt64(index) + 1, width: 16),
            "{random}": hex(0x5eed_0000_0000_0000 + UInt64(index) + 1, width: 16),
        ]
        return headers.map { header in
            var value = header.value
            for (placeholder, replacement) in values {
                value = value.replacingOccurrences(of: placeholder, with: replacement)
            }
            return TrafficHeader(name: header.name, value: value)
        }
    }
}

/// Walks one request through the topology, recording the spans and the requests between hops.
private struct Simulation {
    let scenario: Scenario
    var spans: [QueriedSpan] = []
    var hops: [RecordedHop] = []
    private var nextSpan: UInt64 = 1
    private var clock: UInt64 = 1_700_000_000_000_000_000

    init(scenario: Scenario) { self.scenario = scenario }

    /// The context one service received and passes on.
    struct Context {
        var trace: String
        var parent: String?
        var sampled: Bool
        var traceState: String
        /// Baggage as `key=value` members.
        var baggage: [String]
    }

    mutating func request(trace: String, headers: [TrafficHeader], rootDecision: ((String) -> Bool)?) {
        let entry = scenario.entryService
        let inbound = Fixture.hop("traffic", entry.name, headers.map { (name: $0.name, value: $0.value) })
        hops.append(inbound)
        let context: Context
        if let carried = CarriedContext.first(inbound, CarriedContext.allFormats) {
            context = Context(
                trace: carried.traceID,
                parent: carried.spanID,
                sampled: carried.sampled ?? true,
                traceState: inbound.values("tracestate").joined(separator: ","),
                baggage: inbound.baggageMembers.union(inbound.uberBaggage).sorted()
            )
        } else {
            let rate = entry.settings.samplingRate
            let sampled = rootDecision?(trace) ?? rate.map { Fixture.keeps(trace, rate: $0) } ?? true
            let traceState = rate.map { "ot=th:" + SamplingCheck.thresholdText(SamplingCheck.threshold($0)) } ?? ""
            context = Context(trace: trace, parent: nil, sampled: sampled, traceState: traceState, baggage: [])
        }
        serve(entry, context)
    }

    private mutating func newSpanID() -> String {
        defer { nextSpan += 1 }
        return Fixture.hex(0x00f0_67aa_0ba9_0000 + nextSpan, width: 16)
    }

    private mutating func serve(_ service: ServiceSpec, _ context: Context) {
        let serverID = newSpanID()
        clock += 100_000_000
        if context.sampled {
            spans.append(
                Fixture.span(
                    trace: context.trace,
                    id: serverID,
                    parent: context.parent,
                    kind: 2,
                    service: service.name,
                    traceState: context.traceState,
                    startNanos: clock
                )
            )
        }
        for name in service.downstream {
            guard let next = scenario.services.first(where: { $0.name == name }) else { continue }
            let clientID = newSpanID()
            if context.sampled {
                spans.append(
                    Fixture.span(
                        trace: context.trace,
                        id: clientID,
                        parent: serverID,
                        kind: 3,
                        service: service.name,
                        traceState: context.traceState,
                        startNanos: clock + 1_000_000,
                        durationMs: 10
                    )
                )
            }
            hops.append(Fixture.hop(service.name, name, inject(service.settings, context, span: clientID)))
            var forwarded = context
            forwarded.parent = clientID
            serve(next, forwarded)
        }
    }

    /// The headers a conforming sender writes: every configured format, tracestate and baggage forwarded unchanged.
    private func inject(
        _ settings: ServiceSettings,
        _ context: Context,
        span: String
    ) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        let flag = context.sampled ? "1" : "0"
        for format in settings.propagation {
            if format == .w3c {
                headers.append(("traceparent", "00-\(context.trace)-\(span)-0\(flag)"))
                if !context.traceState.isEmpty { headers.append(("tracestate", context.traceState)) }
                if settings.baggage, !context.baggage.isEmpty {
                    headers.append(("baggage", context.baggage.joined(separator: ",")))
                }
            } else if format == .b3 {
                headers.append(("b3", "\(context.trace)-\(span)-\(flag)"))
            } else if format == .b3multi {
                headers += [("x-b3-traceid", context.trace), ("x-b3-spanid", span), ("x-b3-sampled", flag)]
            } else if format == .jaeger {
                headers.append(("uber-trace-id", "\(context.trace):\(span):0:0\(flag)"))
                for member in context.baggage {
                    let parts = member.split(separator: "=", maxSplits: 1).map(String.init)
                    headers.append(("uberctx-\(parts[0])", parts.count > 1 ? parts[1] : ""))
                }
            }
        }
        return headers
    }
}

// MARK: Breaking a clean run

extension Array where Element == ServiceSpec {
    /// The services with `change` applied to the one named `name`.
    func configuring(_ name: String, _ change: (inout ServiceSpec) -> Void) -> [ServiceSpec] {
        map { service in
            var service = service
            if service.name == name { change(&service) }
            return service
        }
    }
}

extension Observations {
    /// Trace ids that hold a span of the entry service, in order.
    var keptTraceIDs: [String] { keptTraces.keys.sorted() }

    /// The first span of `service` of `kind` in `trace`.
    func span(_ service: String, kind: Int, in trace: String) -> QueriedSpan? {
        spans.first { $0.service == service && $0.kind == kind && $0.traceID == trace }
    }

    mutating func editSpans(where predicate: (QueriedSpan) -> Bool, _ change: (inout QueriedSpan) -> Void) {
        for index in spans.indices where predicate(spans[index]) { change(&spans[index]) }
    }

    /// Rewrites the requests `source` sent (to `target`, when given).
    mutating func editHops(from source: String, to target: String? = nil, _ change: (inout RecordedHop) -> Void) {
        for index in hops.indices where hops[index].source == source && (target == nil || hops[index].target == target)
        {
            change(&hops[index])
        }
    }

    /// Rewrites the export requests of `service`.
    mutating func editRequests(of service: String, _ change: (inout HarnessRequest) -> Void) {
        guard var all = requests else { return }
        for index in all.indices where all[index].serviceNames.contains(service) { change(&all[index]) }
        requests = all
    }

    /// The export requests of `service`.
    func exports(of service: String) -> [HarnessRequest] {
        (requests ?? []).filter { $0.serviceNames.contains(service) }
    }
}

extension RecordedHop {
    /// Replaces the header `name` (or adds it).
    mutating func set(_ name: String, _ value: String) {
        if let index = headers.firstIndex(where: { $0.name == name }) {
            headers[index].value = value
        } else {
            headers.append((name, value))
        }
    }

    mutating func remove(_ name: String) { headers.removeAll { $0.name == name } }
}

extension ExpectationResult {
    /// The summary and evidence: `.check` puts the failures first, then the evidence.
    var lines: [String] { [summary] + evidence }

    /// Whether one line holds every fragment.
    func says(_ fragments: String...) -> Bool {
        lines.contains { line in fragments.allSatisfy(line.contains) }
    }
}

/// Expects `result` to fail rule `id`, with one line (the summary or a failure) holding every fragment: the defect
/// and the hop or service it is about.
func expectFailed(
    _ result: ExpectationResult,
    _ id: String,
    _ fragments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.id == id, sourceLocation: sourceLocation)
    #expect(result.status == .failed, "\(result.summary)", sourceLocation: sourceLocation)
    #expect(
        result.lines.contains { line in fragments.allSatisfy(line.contains) },
        "no line holds \(fragments): \(result.lines)",
        sourceLocation: sourceLocation
    )
}

/// Expects `result` to pass rule `id`.
func expectPassed(_ result: ExpectationResult, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.id == id, sourceLocation: sourceLocation)
    #expect(result.status == .passed, "\(result.lines)", sourceLocation: sourceLocation)
}
