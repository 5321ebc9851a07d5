import ServiceContextModule

/// Application key/value pairs that travel with the trace (W3C `baggage`, Jaeger `uberctx-`).
///
/// Spec: https://www.w3.org/TR/baggage/ (keys are tokens, values are stored decoded; at most 64 members and
/// 8192 bytes are propagated); docs/cello-telemetry.md section 2.
public struct Baggage: Sendable, Hashable {
    /// One entry; `metadata` is the raw `;property` text after the value, if any.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: String
        public var metadata: String?

        public init(key: String, value: String, metadata: String? = nil) {
            self.key = key
            self.value = value
            self.metadata = metadata
        }
    }

    /// The most members propagated.
    public static let maxMembers = 64
    /// The most bytes of a `baggage` header propagated.
    public static let maxHeaderBytes = 8192

    /// Entries in insertion order, keys unique.
    public private(set) var entries: [Entry] = []

    public init() {}

    public init(_ pairs: KeyValuePairs<String, String>) {
        for (key, value) in pairs { self[key] = value }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The value for `key`; setting nil removes it, setting a value replaces it in place.
    public subscript(key: String) -> String? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            if let newValue {
                set(Entry(key: key, value: newValue))
            } else {
                entries.removeAll(where: { $0.key == key })
            }
        }
    }

    /// Adds or replaces an entry.
    public mutating func set(_ entry: Entry) {
        if let i = entries.firstIndex(where: { $0.key == entry.key }) {
            entries[i] = entry
        } else {
            entries.append(entry)
        }
    }

    /// Adds the entries of `other` whose keys are not present yet.
    mutating func fill(from other: Baggage) {
        for entry in other.entries where self[entry.key] == nil { entries.append(entry) }
    }
}

extension ServiceContext {
    /// The baggage travelling with this context.
    public var baggage: Baggage? {
        get { self[BaggageKey.self] }
        set { self[BaggageKey.self] = newValue }
    }
}

enum BaggageKey: ServiceContextKey {
    typealias Value = Baggage
    static var nameOverride: String? { "cello-baggage" }
}
