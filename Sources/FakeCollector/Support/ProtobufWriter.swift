/// A minimal protobuf encoder for the few messages the collector writes by hand (google.rpc.Status, RetryInfo),
/// so the judge needs no generated code for them. Wire format: https://protobuf.dev/programming-guides/encoding/
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// An int32/int64 field (wire type 0); zero is omitted as proto3 does.
    mutating func int(field: Int, _ value: Int64) {
        guard value != 0 else { return }
        varint(UInt64(field << 3))
        varint(UInt64(bitPattern: value))
    }

    /// A length-delimited field (wire type 2); empty is omitted as proto3 does.
    mutating func bytes(field: Int, _ value: [UInt8]) {
        guard !value.isEmpty else { return }
        varint(UInt64(field << 3 | 2))
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(field: Int, _ value: String) {
        bytes(field: field, Array(value.utf8))
    }
}
