/// Splits a gRPC request body into length-prefixed messages: a compressed flag byte and a 4-byte big-endian length
/// before each (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, Length-Prefixed-Message).
enum GRPCMessageReader {
    struct Message: Equatable {
        var compressedFlag: UInt8
        var bytes: ArraySlice<UInt8>
    }

    enum Failure: Error, Equatable {
        /// Fewer than 5 bytes where a prefix should be.
        case truncatedPrefix(available: Int)
        /// The prefix announces more bytes than the body holds.
        case lengthBeyondBody(announced: Int, available: Int)
        /// The prefix announces more than the message limit.
        case tooLarge(announced: Int)
    }

    static func split(_ body: [UInt8], maxMessageBytes: Int) throws(Failure) -> [Message] {
        var messages: [Message] = []
        var index = 0
        while index < body.count {
            guard body.count - index >= 5 else { throw .truncatedPrefix(available: body.count - index) }
            let flag = body[index]
            let length = Int(body[index + 1]) << 24 | Int(body[index + 2]) << 16 | Int(body[index + 3]) << 8
                | Int(body[index + 4])
            if length > maxMessageBytes { throw .tooLarge(announced: length) }
            let start = index + 5
            guard body.count - start >= length else {
                throw .lengthBeyondBody(announced: length, available: body.count - start)
            }
            messages.append(Message(compressedFlag: flag, bytes: body[start..<start + length]))
            index = start + length
        }
        return messages
    }

    /// Frames one message uncompressed.
    static func frame(_ message: [UInt8]) -> [UInt8] {
        let length = UInt32(message.count)
        return [0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
            + message
    }
}
