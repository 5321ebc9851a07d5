import CZlib

/// gzip for request bodies (`grpc-encoding: gzip`, `Content-Encoding: gzip`) over the system zlib (the CZlib module),
/// with a bound on the decompressed size (docs/cello-telemetry.md section 6, limits: "decompressed size limited too").
enum Gzip {
    /// Why a body could not be inflated (or deflated).
    enum Failure: Error, Equatable {
        case corrupt(String)
        case tooLarge
    }

    /// zlib's window bits for a gzip (not raw or zlib) stream: a 32 KiB window plus 16.
    private static let gzipWindowBits: Int32 = 15 + 16

    /// Inflates a gzip stream; fails when it is corrupt, has trailing bytes, or inflates past `limit` bytes.
    static func decompress(_ input: some Collection<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        // zlib keeps the z_stream's address and checks it on every call, so it lives at one heap address.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_inflate_init2(stream, gzipWindowBits) == Z_OK else {
            throw .corrupt("inflateInit2 failed")
        }
        defer { inflateEnd(stream) }
        var source = Array(input)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let result: Result<Void, Failure> = source.withUnsafeMutableBufferPointer { input in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(input.count)
            while true {
                let (code, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let code = inflate(stream, Z_NO_FLUSH)
                    return (code, out.count - Int(stream.pointee.avail_out))
                }
                if output.count + produced > limit { return .failure(.tooLarge) }
                output.append(contentsOf: chunk[0..<produced])
                switch code {
                case Z_STREAM_END:
                    return stream.pointee.avail_in == 0
                        ? .success(()) : .failure(.corrupt("trailing bytes after the gzip stream"))
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                    return .failure(.corrupt("truncated gzip stream"))
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "inflate error \(code)"
                    return .failure(.corrupt(message))
                }
            }
        }
        try result.get()
        return output
    }

    /// Compresses bytes as one gzip member (tests and load clients use it to build gzip bodies).
    static func compress(_ input: some Collection<UInt8>) throws(Failure) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        // Level 6 (zlib's default), memLevel 8.
        guard czlib_deflate_init2(stream, 6, gzipWindowBits, 8) == Z_OK else {
            throw .corrupt("deflateInit2 failed")
        }
        defer { deflateEnd(stream) }
        var source = Array(input)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let code: Int32 = source.withUnsafeMutableBufferPointer { input in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(input.count)
            var code: Int32 = Z_OK
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { out -> Int in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    code = deflate(stream, Z_FINISH)
                    return out.count - Int(stream.pointee.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
            } while code == Z_OK
            return code
        }
        guard code == Z_STREAM_END else { throw .corrupt("deflate error \(code)") }
        return output
    }
}
