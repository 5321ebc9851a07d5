import Foundation

import CelloOTLP

/// `trace_state` follows W3C Trace Context's tracestate syntax (https://www.w3.org/TR/trace-context-2/#tracestate-header):
/// at most 32 comma-separated `key=value` members, keys of lower-case letters, digits and `_-*/` (optionally
/// `tenant@system`), values of printable ASCII without `,` and `=`, at most 256 characters, no trailing space.
struct TraceStateCheck {
    static func check(_ span: Opentelemetry_Proto_Trace_V1_Span, into findings: inout FindingCollector) {
        let state = span.traceState
        guard !state.isEmpty, let problem = problem(state) else { return }
        findings.add(.spanTraceState, "trace_state must follow the W3C tracestate syntax",
                     evidence: "span \(span.name.debugDescription) trace_state=\(state.debugDescription): \(problem)")
    }

    static func problem(_ state: String) -> String? {
        let members = state.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if members.count > 32 { return "\(members.count) members (at most 32)" }
        for member in members {
            guard let equals = member.firstIndex(of: "=") else { return "member \(member) has no '='" }
            let key = member[member.startIndex..<equals]
            let value = member[member.index(after: equals)...]
            guard validKey(key) else { return "bad key \(key)" }
            guard (1...256).contains(value.utf8.count), value.last != " ",
                value.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "=") })
            else { return "bad value for key \(key)" }
        }
        return nil
    }

    private static func validKey(_ key: Substring) -> Bool {
        let parts = key.split(separator: "@", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), key.utf8.count <= 256 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.utf8.first, isLower(first) || isDigit(first) else { return false }
            return part.utf8.allSatisfy {
                isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "/")
            }
        }
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
