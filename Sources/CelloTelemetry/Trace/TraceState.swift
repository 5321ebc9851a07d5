/// The W3C `tracestate` list: ordered vendor key/value members, most recent first.
///
/// Spec: https://www.w3.org/TR/trace-context-2/#tracestate-header (at most 32 members; keys and values by the
/// grammar of section 3.3.1; 512 characters are always propagated, longer lists are truncated as 3.3.1.5 says);
/// docs/cello-telemetry.md section 2.
public struct TraceState: Sendable, Hashable, CustomStringConvertible {
    /// One `key=value` list member.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The most members a list may hold.
    public static let maxMembers = 32
    /// The length up to which a list is propagated whole.
    public static let maxHeaderLength = 512
    /// Members longer than this are the first removed when a list is too long.
    static let longMemberLength = 128

    /// The members, left-most (most recent) first.
    public private(set) var members: [Member]

    /// An empty list.
    public init() {
        self.members = []
    }

    /// A list of the given members; nil if a key or value breaks the grammar, a key repeats, or there are more
    /// than 32 members.
    public init?(members: [Member]) {
        guard members.count <= Self.maxMembers else { return nil }
        var seen = Set<String>()
        for member in members {
            guard Self.isValidKey(member.key), Self.isValidValue(member.value), seen.insert(member.key).inserted
            else { return nil }
        }
        self.members = members
    }

    /// Parses a `tracestate` header value. Several header fields are one list: join them in order with ","
    /// first (https://www.w3.org/TR/trace-context-2/#combined-header-value). Empty members and optional
    /// whitespace around members are allowed.
    ///
    /// Returns nil when the list is invalid, that is a member breaks the grammar or there are more than 32
    /// members: the caller then propagates no tracestate but keeps the traceparent. A repeated key is not a
    /// reason to drop the list (docs/cello-telemetry.md section 2): the list is kept as it came, since the members
    /// are not ours to delete; lookups see the left-most, most recent one, and ``set(_:forKey:)`` replaces them all.
    /// A list longer than 512 characters is truncated (long members first, then from the right).
    public init?(header: some StringProtocol) {
        var members: [Member] = []
        var count = 0
        for rawMember in Array(header.utf8).split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let member = Self.trimOWS(rawMember)
            if member.isEmpty { continue }
            count += 1
            guard count <= Self.maxMembers, let eq = member.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = member[..<eq]
            let value = member[(eq + 1)...]
            guard Self.isValidKey(key), Self.isValidValue(value) else { return nil }
            members.append(
                Member(key: String(decoding: key, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }
        self.members = members
        truncateToMaxLength()
    }

    /// True when the list has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? {
        members.first(where: { $0.key == key })?.value
    }

    /// Sets `key` to `value` and moves it to the front, as a vendor updating its entry must; drops the right-most
    /// member beyond 32 and truncates beyond 512 characters as parsing does. Returns false (and changes nothing)
    /// when the key or value breaks the grammar.
    @discardableResult
    public mutating func set(_ value: String, forKey key: String) -> Bool {
        guard Self.isValidKey(key), Self.isValidValue(value) else { return false }
        members.removeAll(where: { $0.key == key })
        members.insert(Member(key: key, value: value), at: 0)
        if members.count > Self.maxMembers { members.removeLast(members.count - Self.maxMembers) }
        truncateToMaxLength()
        return true
    }

    /// Removes `key`'s member if present.
    public mutating func removeValue(forKey key: String) {
        members.removeAll(where: { $0.key == key })
    }

    /// The header value: members joined with ",", no whitespace.
    public var header: String {
        members.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    public var description: String { header }

    /// Length of the header the members make.
    var headerLength: Int {
        members.reduce(0) { $0 + $1.key.utf8.count + 1 + $1.value.utf8.count } + max(0, members.count - 1)
    }

    /// Truncation of https://www.w3.org/TR/trace-context-2/#tracestate-limits: drop members over 128 characters
    /// from the right, then the right-most members, until the header fits in 512 characters.
    mutating func truncateToMaxLength() {
        func isLong(_ member: Member) -> Bool {
            member.key.utf8.count + 1 + member.value.utf8.count > Self.longMemberLength
        }
        while headerLength > Self.maxHeaderLength {
            if let long = members.lastIndex(where: isLong) {
                members.remove(at: long)
            } else {
                members.removeLast()
            }
        }
    }

    // MARK: Grammar (https://www.w3.org/TR/trace-context-2/#list)

    /// Without the spaces and tabs around a list member.
    private static func trimOWS(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes.removeLast() }
        return bytes
    }

    private static func isLCAlphaOrDigit(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    private static func isKeyChar(_ c: UInt8) -> Bool {
        isLCAlphaOrDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "*")
            || c == UInt8(ascii: "/") || c == UInt8(ascii: "@")
    }

    /// Level 2 `key = ( lcalpha / DIGIT ) 0*255 ( keychar )`, keychar including "@": 1 to 256 characters, "@"
    /// anywhere but first and any number of times (`foo@`, `foo@@bar`, `a@b@c`). Level 1's `tenant@system`
    /// split is gone, so no part of the key is checked on its own.
    static func isValidKey(_ key: some Collection<UInt8>) -> Bool {
        guard let first = key.first, isLCAlphaOrDigit(first), key.count <= 256 else { return false }
        return key.allSatisfy(isKeyChar)
    }

    static func isValidKey(_ key: String) -> Bool { isValidKey(key.utf8) }

    /// `value = 0*255(chr) nblk-chr`: 1 to 256 printable ASCII characters (0x20-0x7E) other than "," and "=",
    /// the last not a space. Tabs, control characters and non-ASCII bytes are refused.
    static func isValidValue(_ value: some BidirectionalCollection<UInt8>) -> Bool {
        guard value.count <= 256, let last = value.last, last != UInt8(ascii: " ") else { return false }
        return value.allSatisfy { c in
            c >= 0x20 && c <= 0x7E && c != UInt8(ascii: ",") && c != UInt8(ascii: "=")
        }
    }

    static func isValidValue(_ value: String) -> Bool { isValidValue(value.utf8) }
}
