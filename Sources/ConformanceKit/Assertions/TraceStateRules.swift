/// W3C Trace Context Level 2 tracestate rules, as the judge applies them to what a hop sends
/// (https://www.w3.org/TR/trace-context-2/#tracestate-header; docs/cello-telemetry.md section 2).
enum TraceStateRules {
    static let maxMembers = 32
    static let maxLength = 512

    /// Why a member list is invalid; nil when valid. Duplicate keys are tolerated (Level 2 keeps such lists).
    static func invalid(_ members: [(key: String, value: String)]) -> String? {
        if members.count > maxMembers { return "has \(members.count) members, over the limit of \(maxMembers)" }
        for member in members {
            if !validKey(member.key) { return "has an invalid key '\(member.key)'" }
            if !validValue(member.value) { return "has an invalid value '\(member.value)' for key '\(member.key)'" }
        }
        return nil
    }

    /// `(lcalpha / DIGIT) 0*255(keychar)`, keychar = lcalpha / DIGIT / `_` / `-` / `*` / `/` / `@`.
    static func validKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard let first = bytes.first, bytes.count <= 256, isLowerAlphaOrDigit(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLowerAlphaOrDigit($0) || "_-*/@".utf8.contains($0) }
    }

    /// `0*255(chr) nblk-chr`: printable ASCII without `,` and `=`, not ending in a space.
    static func validValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 256, bytes.last != 0x20 else { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "=") }
    }

    private static func isLowerAlphaOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// What is wrong with how a hop forwarded the tracestate it received; nil when it is allowed. A hop keeps every
    /// member in order; it may put one member of its own (new or updated) first, and drop members from the end only
    /// to stay within 32 members and 512 characters. A received list that is itself invalid may be dropped whole.
    static func forwardingProblem(
        received: [(key: String, value: String)], sent: [(key: String, value: String)]
    ) -> String? {
        guard !received.isEmpty, invalid(received) == nil else { return nil }
        let text = { (members: [(key: String, value: String)]) in members.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }
        if sent.isEmpty { return "tracestate not forwarded: '\(text(received))' arrived, none was sent" }
        var expected = received
        var tail = sent
        if let first = sent.first, !received.contains(where: { $0.key == first.key && $0.value == first.value }) {
            tail.removeFirst()
            expected.removeAll { $0.key == first.key }  // an updated own member moves to the front
        }
        for (index, member) in tail.enumerated() {
            guard index < expected.count, expected[index].key == member.key, expected[index].value == member.value else {
                return "tracestate changed: '\(text(received))' arrived, '\(text(sent))' was sent "
                    + "(members must be kept in order; only the hop's own member may be new, and only at the front)"
            }
        }
        if tail.count < expected.count {
            let dropped = Array(expected[tail.count...])
            let roomNeeded = sent.count >= maxMembers || text(sent).utf8.count + 1 + text([dropped[0]]).utf8.count > maxLength
            if !roomNeeded {
                return "tracestate members dropped: '\(text(dropped))' arrived but was not sent on "
                    + "(sent '\(text(sent))', within \(maxMembers) members and \(maxLength) characters)"
            }
        }
        return nil
    }
}
