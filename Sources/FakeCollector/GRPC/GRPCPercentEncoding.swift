/// Percent-encoding of `grpc-message` (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, Responses):
/// bytes outside printable ASCII (0x20-0x7E) and `%` itself are written as `%XX` of their UTF-8 bytes.
enum GRPCPercentEncoding {
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "%") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
