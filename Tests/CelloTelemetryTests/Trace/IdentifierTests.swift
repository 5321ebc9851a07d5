import CelloTelemetry
import Testing

@Suite("Trace and span ids")
struct IdentifierTests {
    @Test("hex round-trips and bytes are big-endian")
    func roundTrip() throws {
        let trace = try #require(TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736"))
        #expect(trace.hexString == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(trace.bytes.first == 0x4B && trace.bytes.last == 0x36)
        #expect(TraceID(bytes: trace.bytes) == trace)
        let span = try #require(SpanID(hex: "00f067aa0ba902b7"))
        #expect(span.hexString == "00f067aa0ba902b7")
        #expect(SpanID(bytes: span.bytes) == span)
    }

    @Test(
        "malformed hex is refused",
        arguments: ["", "4bf92f3577b34da6a3ce929d0e0e473", "4BF92F3577B34DA6A3CE929D0E0E4736",
                    "4bf92f3577b34da6a3ce929d0e0e4736a", "zbf92f3577b34da6a3ce929d0e0e4736"])
    func malformedTraceID(_ text: String) {
        #expect(TraceID(hex: text) == nil)
    }

    @Test("the all-zero ids parse but are invalid")
    func zeroIDs() throws {
        let trace = try #require(TraceID(hex: String(repeating: "0", count: 32)))
        let span = try #require(SpanID(hex: String(repeating: "0", count: 16)))
        #expect(!trace.isValid)
        #expect(!span.isValid)
    }

    @Test("random ids are valid and distinct")
    func randomIDs() {
        var generator = SystemRandomNumberGenerator()
        var ids: [TraceID] = []
        for _ in 0..<1000 { ids.append(TraceID.random(using: &generator)) }
        #expect(ids.allSatisfy { $0.isValid })
        #expect(Set(ids).count == ids.count)
        let spanIDs = (0..<1000).map { _ in SpanID.random() }
        #expect(spanIDs.allSatisfy { $0.isValid })
    }

    /// A generator that returns zeros first, to show the all-zero id is never produced.
    struct ZeroFirstGenerator: RandomNumberGenerator {
        var calls = 0
        mutating func next() -> UInt64 {
            calls += 1
            return calls <= 2 ? 0 : 42
        }
    }

    @Test("a random id is never all zero, even when the generator says so")
    func neverZero() {
        var generator = ZeroFirstGenerator()
        #expect(TraceID.random(using: &generator).isValid)
        var spanGenerator = ZeroFirstGenerator()
        #expect(SpanID.random(using: &spanGenerator).isValid)
    }
}
