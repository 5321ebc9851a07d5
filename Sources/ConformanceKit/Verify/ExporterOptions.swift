/// A `verify-exporter` setting that cannot be used: the message names the flag, the value and what is allowed.
/// The CLI prints it and exits 2 (bad input).
public struct ExporterOptionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One `--header NAME=VALUE`: a header every export request must carry, handed to the exporter through
/// OTEL_EXPORTER_OTLP_HEADERS (docs/cello-telemetry.md section 1).
public struct ExporterHeader: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Headers the transport owns (or that gRPC reserves): an exporter cannot be asked to send them as given.
    static let reservedNames: Set<String> = [
        "host", "content-type", "content-length", "content-encoding", "transfer-encoding", "connection", "te",
        "upgrade", "keep-alive", "trailer", "proxy-connection",
    ]

    /// Parses `NAME=VALUE` (the value may contain `=`, may be empty).
    /// - Throws: ``ExporterOptionError`` for a missing `=`, a name that is not an HTTP token, a reserved name, or a
    ///   value with control characters or surrounding whitespace.
    public static func parse(_ text: String) throws(ExporterOptionError) -> ExporterHeader {
        guard let equals = text.firstIndex(of: "=") else {
            throw ExporterOptionError("--header must be NAME=VALUE, got '\(text)'")
        }
        let name = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        guard !name.isEmpty else { throw ExporterOptionError("--header '\(text)' has an empty name") }
        guard name.unicodeScalars.allSatisfy(isTokenCharacter) else {
            throw ExporterOptionError(
                "--header name '\(name)' is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only)")
        }
        let lower = name.lowercased()
        if reservedNames.contains(lower) || lower.hasPrefix("grpc-") {
            throw ExporterOptionError("--header \(name) is set by the exporter's transport, not by configuration")
        }
        if lower.hasSuffix("-bin") {
            throw ExporterOptionError("--header \(name): binary (-bin) metadata cannot be checked as text")
        }
        guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ExporterOptionError("--header \(name): the value contains control characters")
        }
        let blank: Set<Character> = [" ", "\t"]
        guard !(value.first.map(blank.contains) ?? false), !(value.last.map(blank.contains) ?? false) else {
            throw ExporterOptionError("--header \(name): the value starts or ends with whitespace, which HTTP drops")
        }
        return ExporterHeader(name: name, value: value)
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        case "!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~": true
        default: false
        }
    }

    /// The OTEL_EXPORTER_OTLP_HEADERS value: `name=value` pairs joined by `,`, each value percent-encoded outside
    /// the W3C baggage value octets (and `%` itself), as the OTLP exporter specification says.
    public static func environmentValue(_ headers: [ExporterHeader]) -> String {
        headers.map { "\($0.name)=\(percentEncode($0.value))" }.joined(separator: ",")
    }

    static func percentEncode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            // baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E, less `%` so decoding is unambiguous.
            let safe = byte == 0x21 || (0x23...0x2B).contains(byte) || (0x2D...0x3A).contains(byte)
                || (0x3C...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
            if safe, byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
