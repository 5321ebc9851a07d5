import Instrumentation

/// The W3C `baggage` header.
///
/// Spec: https://www.w3.org/TR/baggage/#header-content (`key = value *(; property)`, values percent-encoded;
/// a malformed member is skipped; at most 64 members and 8192 bytes are injected). Properties that break the
/// `property` grammar are dropped, so no control character or non-ASCII byte received is ever sent on.
public struct W3CBaggagePropagator: ContextPropagator {
    public init() {}

    public func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, using extractor: Extract) -> ExtractedContext
    where Extract.Carrier == Carrier {
        guard let header = extractor.extract(key: "baggage", from: carrier) else { return ExtractedContext() }
        let baggage = Self.parse(header)
        return ExtractedContext(baggage: baggage.isEmpty ? nil : baggage)
    }

    public func inject<Carrier, Inject: Injector>(
        _ spanContext: SpanContext?, baggage: Baggage?, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let baggage, !baggage.isEmpty, let header = Self.format(baggage) else { return }
        injector.inject(header, forKey: "baggage", into: &carrier)
    }

    /// The valid members of a header (at most 64; a header over 8192 bytes yields nothing).
    static func parse(_ header: String) -> Baggage {
        var baggage = Baggage()
        guard header.utf8.count <= Baggage.maxHeaderBytes else { return baggage }
        for member in header.split(separator: ",") {
            guard baggage.entries.count < Baggage.maxMembers else { break }
            let parts = member.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            let pair = parts[0]
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<eq].trimmingOWS()
            let rawValue = pair[pair.index(after: eq)...].trimmingOWS()
            guard isToken(key), rawValue.utf8.allSatisfy(isBaggageOctetOrPercent),
                  let value = PercentDecoding.decode(rawValue)
            else { continue }
            let metadata = parts.count > 1 ? parts[1].trimmingOWS() : nil
            let validMetadata = metadata.flatMap { $0.isEmpty || !isValidProperties($0) ? nil : $0 }
            baggage.set(Baggage.Entry(key: key, value: value, metadata: validMetadata))
        }
        return baggage
    }

    /// The header for `baggage`, dropping members that would exceed the limits; nil when none fit.
    static func format(_ baggage: Baggage) -> String? {
        var members: [String] = []
        var bytes = 0
        for entry in baggage.entries where isToken(entry.key) {
            guard members.count < Baggage.maxMembers else { break }
            var member = entry.key + "=" + PercentDecoding.encodeBaggageValue(entry.value)
            if let metadata = entry.metadata, !metadata.isEmpty, isValidProperties(metadata) {
                member += ";" + metadata
            }
            let added = member.utf8.count + (members.isEmpty ? 0 : 1)
            guard bytes + added <= Baggage.maxHeaderBytes else { continue }
            members.append(member)
            bytes += added
        }
        return members.isEmpty ? nil : members.joined(separator: ",")
    }

    /// RFC 7230 token.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default: "!#$%&'*+-.^_`|~".utf8.contains(c)
            }
        }
    }

    /// `property *( OWS ";" OWS property )`, property = `key OWS "=" OWS value / key` (key a token, value
    /// baggage octets or percent escapes).
    static func isValidProperties(_ text: String) -> Bool {
        text.split(separator: ";", omittingEmptySubsequences: false).allSatisfy { raw in
            let property = raw.trimmingOWS()
            guard let eq = property.firstIndex(of: "=") else { return isToken(property) }
            let value = property[property.index(after: eq)...].trimmingOWS()
            return isToken(property[..<eq].trimmingOWS()) && value.utf8.allSatisfy(isBaggageOctetOrPercent)
        }
    }

    private static func isBaggageOctetOrPercent(_ c: UInt8) -> Bool {
        c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B)
            || (c >= 0x5D && c <= 0x7E)
    }
}
