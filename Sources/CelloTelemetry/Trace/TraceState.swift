/// The W3C `tracestate` list: ordered vendor key/value members, most recent first.
///
/// Spec: https://www.w3.org/TR/trace-context-2/#tracestate-header (at most 32 members; keys and values by the
/// grammar of section 3.3.1; 512 characters are always propagated, longer lists are truncated as 3.3.1.5 says);
/// cello-telemetry.md section 2.
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

    /// Parses a `tracestate` header value (several headers joined with ","). Empty members and optional
    /// whitespace are allowed. Returns nil when the list is invalid: the caller then propagates no tracestate.
    /// A list longer than 512 characters is truncated (long members first, then from the right).
    public init?(header: some StringProtocol) {
        var members: [Member] = []
        for rawMember in String(header).split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = Self.trimOWS(rawMember)
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else { return nil }
            let key = String(trimmed[trimmed.startIndex..<eq])
            let value = String(trimmed[trimmed.index(after: eq)...])
            members.append(Member(key: key, value: value))
        }
        guard var state = TraceState(members: members) else { return nil }
        state.truncateToMaxLength()
        self = state
    }

    /// True when the list has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? {
        members.first(where: { $0.key == key })?.value
    }

    /// Sets `key` to `value` and moves it to the front, as a vendor updating its entry must; drops the right-most
    /// member beyond 32. Returns false (and changes nothing) when the key or value breaks the grammar.
    @discardableResult
    public mutating func set(_ value: String, forKey key: String) -> Bool {
        guard Self.isValidKey(key), Self.isValidValue(value) else { return false }
        members.removeAll(where: { $0.key == key })
        members.insert(Member(key: key, value: value), at: 0)
        if members.count > Self.maxMembers { members.removeLast(members.count - Self.maxMembers) }
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
        while headerLength > Self.maxHeaderLength {
            if let long = members.lastIndex(where: { $0.key.utf8.count + 1 + $0.value.utf8.count > Self.longMemberLength }) {
                members.remove(at: long)
            } else {
                members.removeLast()
            }
        }
    }

    // MARK: Grammar

    private static func trimOWS(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }

    private static func isLCAlpha(_ c: UInt8) -> Bool { c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    private static func isKeyChar(_ c: UInt8) -> Bool {
        isLCAlpha(c) || isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "*")
            || c == UInt8(ascii: "/")
    }

    /// `simple-key` (lcalpha, then up to 255 key chars) or `tenant-id@system-id` (tenant: lcalpha/digit then up to
    /// 240; system: lcalpha then up to 13).
    static func isValidKey(_ key: String) -> Bool {
        let utf8 = Array(key.utf8)
        if let at = utf8.firstIndex(of: UInt8(ascii: "@")) {
            let tenant = utf8[..<at]
            let system = utf8[(at + 1)...]
            guard let t0 = tenant.first, isLCAlpha(t0) || isDigit(t0), tenant.count <= 241,
                  tenant.allSatisfy(isKeyChar),
                  let s0 = system.first, isLCAlpha(s0), system.count <= 14, system.allSatisfy(isKeyChar)
            else { return false }
            return true
        }
        guard let first = utf8.first, isLCAlpha(first), utf8.count <= 256 else { return false }
        return utf8.allSatisfy(isKeyChar)
    }

    /// 1 to 256 printable ASCII characters other than "," and "=", not ending in a space.
    static func isValidValue(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard let last = utf8.last, utf8.count <= 256, last != UInt8(ascii: " ") else { return false }
        return utf8.allSatisfy { c in
            c >= 0x20 && c <= 0x7E && c != UInt8(ascii: ",") && c != UInt8(ascii: "=")
        }
    }
}
