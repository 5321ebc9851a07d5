/// Follows HTTP/2 frame lengths (RFC 9113 section 4.1) in the bytes a client sends, so that a connection closing in
/// the middle of the preface or of a frame can be reported as truncated: nghttp2 alone just waits for more bytes.
struct HTTP2FrameBoundary: Hashable, Sendable {
    private enum State: Hashable, Sendable {
        case preface(remaining: Int)
        case header(have: Int, length: Int)
        case payload(remaining: Int)
    }

    /// RFC 9113 section 3.4: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".
    static let prefaceLength = 24
    static let frameHeaderLength = 9

    private var state = State.preface(remaining: Self.prefaceLength)

    /// True when everything received so far ends exactly between two frames (or nothing was received).
    var isAtFrameBoundary: Bool {
        switch state {
        case .preface(let remaining): remaining == Self.prefaceLength
        case .header(let have, _): have == 0
        case .payload: false
        }
    }

    /// True once the whole 24-byte client preface was received.
    var isPastPreface: Bool {
        if case .preface = state { return false }
        return true
    }

    /// What the tracker expects next, for error messages.
    var position: String {
        switch state {
        case .preface(let remaining): "inside the client preface (\(remaining) of 24 bytes missing)"
        case .header(let have, _): "inside a frame header (\(Self.frameHeaderLength - have) of 9 bytes missing)"
        case .payload(let remaining): "inside a frame payload (\(remaining) bytes missing)"
        }
    }

    mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count {
            switch state {
            case .preface(let remaining):
                let taken = min(remaining, bytes.count - index)
                index += taken
                state = taken == remaining ? .header(have: 0, length: 0) : .preface(remaining: remaining - taken)
            case .header(let have, let length):
                // The first three header bytes are the 24-bit payload length, big-endian.
                let newLength = have < 3 ? (length << 8) | Int(bytes[index]) : length
                index += 1
                if have + 1 < Self.frameHeaderLength {
                    state = .header(have: have + 1, length: newLength)
                } else {
                    state = newLength == 0 ? .header(have: 0, length: 0) : .payload(remaining: newLength)
                }
            case .payload(let remaining):
                let taken = min(remaining, bytes.count - index)
                index += taken
                state = taken == remaining ? .header(have: 0, length: 0) : .payload(remaining: remaining - taken)
            }
        }
    }
}
