import Testing

@testable import FakeCollector

@Suite("GRPCPercentEncoding")
struct GRPCPercentEncodingTests {
    @Test("keeps printable ASCII and escapes %, controls and UTF-8", arguments: [
        ("plain text", "plain text"), ("100%", "100%25"), ("a\nb", "a%0Ab"), ("ü", "%C3%BC"),
    ])
    func encodes(_ input: String, _ expected: String) {
        #expect(GRPCPercentEncoding.encode(input) == expected)
    }
}
