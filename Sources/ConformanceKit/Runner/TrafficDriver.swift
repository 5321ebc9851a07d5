import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends a scenario's root requests to the entry service with the configured concurrency and measures each one.
///
/// docs/cello-telemetry.md section 7 ("the traffic (requests, count, concurrency)").
struct TrafficDriver: Sendable {
    var traffic: TrafficSpec
    /// `HOST:PORT` of the entry service.
    var address: String
    /// Called after each completed request with (done, total).
    var progress: @Sendable (Int, Int) -> Void = { _, _ in }

    func run() async -> TrafficResult {
        var result = TrafficResult()
        result.start = Date()
        let total = traffic.count
        await withTaskGroup(of: (TrafficResult.Outcome, [TrafficHeader]).self) { group in
            var started = 0
            while started < min(traffic.concurrency, total) {
                group.addTask { await one() }
                started += 1
            }
            while let (outcome, headers) = await group.next() {
                result.outcomes.append(outcome)
                if !headers.isEmpty { result.sentHeaders.append(headers) }
                progress(result.outcomes.count, total)
                if started < total {
                    group.addTask { await one() }
                    started += 1
                }
            }
        }
        result.end = Date()
        return result
    }

    private func one() async -> (TrafficResult.Outcome, [TrafficHeader]) {
        var request = HTTPClientRequest(url: "http://\(address)\(traffic.path)")
        request.method = HTTPMethod(rawValue: traffic.method)
        let headers = Self.fill(traffic.headers)
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        return (await send(request), headers)
    }

    /// The headers with their placeholders replaced by fresh random ids (one set per request).
    static func fill(_ headers: [TrafficHeader]) -> [TrafficHeader] {
        guard !headers.isEmpty else { return [] }
        var generator = SystemRandomNumberGenerator()
        func hex(_ count: Int) -> String {
            var text = ""
            while text.count < count { text += String(generator.next() as UInt64, radix: 16).leftPad(16) }
            let value = String(text.prefix(count))
            return value.allSatisfy { $0 == "0" } ? String(value.dropLast()) + "1" : value
        }
        let traceID = hex(32)
        let values = [
            "{traceId}": traceID, "{traceId64}": String(traceID.suffix(16)), "{spanId}": hex(16), "{random}": hex(16),
        ]
        return headers.map { header in
            var value = header.value
            for (placeholder, replacement) in values { value = value.replacingOccurrences(of: placeholder, with: replacement) }
            return TrafficHeader(name: header.name, value: value)
        }
    }

    private func send(_ request: HTTPClientRequest) async -> TrafficResult.Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            return .init(status: Int(response.status.code), latencyMs: milliseconds(clock.now - start), error: nil)
        } catch {
            return .init(status: nil, latencyMs: milliseconds(clock.now - start), error: "\(error)")
        }
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
