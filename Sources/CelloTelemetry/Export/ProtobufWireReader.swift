/// Reads the protobuf wire format field by field, for the two small messages the exporter decodes by hand
/// (google.rpc.Status and google.rpc.RetryInfo in `grpc-status-details-bin`).
///
/// Spec: https://protobuf.dev/programming-guides/encoding/ (varint, fixed64, length-delimited, fixed32).
struct ProtobufWireReader {
    /// The input ended inside a field or used a wire type these messages never contain.
    struct Malformed: Error, Hashable {}

    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// The next field as (field number, value), nil at the end of the input.
    mutating func next() throws(Malformed) -> (field: UInt64, value: Value)? {
        guard index < bytes.endIndex else { return nil }
        let key = try readVarint()
        let field = key >> 3
        switch key & 7 {
        case 0:
            return (field, .varint(try readVarint()))
        case 1:
            try skip(8)
            return (field, .fixed)
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - index) else { throw Malformed() }
            let start = index
            index += Int(length)
            return (field, .bytes(bytes[start..<index]))
        case 5:
            try skip(4)
            return (field, .fixed)
        default:
            throw Malformed()  // groups (3, 4) and unknown wire types
        }
    }

    private mutating func skip(_ count: Int) throws(Malformed) {
        guard bytes.endIndex - index >= count else { throw Malformed() }
        index += count
    }

    private mutating func readVarint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw Malformed()
    }
}
