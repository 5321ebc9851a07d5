/// Rewrites the base64 ids of swift-protobuf's JSON output as the hex that OTLP/JSON requires.
///
/// swift-protobuf escapes every `"` inside a string value, so the byte sequence `"traceId":"` can only be a member
/// name: a plain scan finds every id without reparsing the document.
enum OTLPJSONIDRewriter {
    private static let keys: [[UInt8]] = ["traceId", "spanId", "parentSpanId"].map { Array("\"\($0)\":\"".utf8) }

    static func base64IDsToHex(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count + json.count / 8)
        var index = 0
        while index < json.count {
            if json[index] == UInt8(ascii: "\""), let key = keys.first(where: { matches($0, in: json, at: index) }) {
                out.append(contentsOf: key)
                index += key.count
                let start = index
                while index < json.count, json[index] != UInt8(ascii: "\"") { index += 1 }
                let encoded = json[start..<index]
                if let raw = Base64.decode(encoded) {
                    out.append(contentsOf: Hex.encode(raw).utf8)
                } else {
                    out.append(contentsOf: encoded)
                }
                continue
            }
            out.append(json[index])
            index += 1
        }
        return out
    }

    private static func matches(_ key: [UInt8], in json: [UInt8], at index: Int) -> Bool {
        guard index + key.count <= json.count else { return false }
        for offset in 0..<key.count where json[index + offset] != key[offset] { return false }
        return true
    }
}
