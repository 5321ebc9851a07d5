import Foundation

/// JSON for the harness and query bodies that are not OTLP messages (those go through `OTLPJSON`).
enum JSONBytes {
    static func encode(_ object: Any) -> [UInt8] {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Array("{}".utf8) }
        return Array(data)
    }
}
