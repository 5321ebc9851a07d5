/// gzip for request bodies (`grpc-encoding: gzip`, `Content-Encoding: gzip`) with a bound on the decompressed size
/// (cello-telemetry.md section 6, limits: "decompressed size limited too").
enum Gzip {
    /// Why a body could not be inflated.
    enum Failure: Error, Equatable {
        case unavailable
        case corrupt(String)
        case tooLarge
    }

    /// Inflates a gzip stream; fails when it is corrupt, has trailing bytes, or inflates past `limit` bytes.
    static func decompress(_ input: some Collection<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
        guard let zlib = Zlib.symbols else { throw .unavailable }
        // zlib keeps the z_stream's address and checks it on every call, so it lives at one heap address.
        let stream = UnsafeMutablePointer<Zlib.Stream>.allocate(capacity: 1)
        stream.initialize(to: Zlib.Stream())
        defer { stream.deallocate() }
        let streamSize = Int32(MemoryLayout<Zlib.Stream>.size)
        guard zlib.inflateInit2(stream, 15 + 16, zlib.version, streamSize) == Zlib.okay else {
            throw .corrupt("inflateInit2 failed")
        }
        defer { _ = zlib.inflateEnd(stream) }
        var source = Array(input)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let result: Result<Void, Failure> = source.withUnsafeMutableBufferPointer { input in
            stream.pointee.nextIn = input.baseAddress
            stream.pointee.availIn = UInt32(input.count)
            while true {
                let (code, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    stream.pointee.nextOut = out.baseAddress
                    stream.pointee.availOut = UInt32(out.count)
                    let code = zlib.inflate(stream, Zlib.noFlush)
                    return (code, out.count - Int(stream.pointee.availOut))
                }
                if output.count + produced > limit { return .failure(.tooLarge) }
                output.append(contentsOf: chunk[0..<produced])
                switch code {
                case Zlib.streamEnd:
                    return stream.pointee.availIn == 0
                        ? .success(()) : .failure(.corrupt("trailing bytes after the gzip stream"))
                case Zlib.okay:
                    continue
                case Zlib.bufferError where stream.pointee.availIn == 0:
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
        guard let zlib = Zlib.symbols else { throw .unavailable }
        let stream = UnsafeMutablePointer<Zlib.Stream>.allocate(capacity: 1)
        stream.initialize(to: Zlib.Stream())
        defer { stream.deallocate() }
        let streamSize = Int32(MemoryLayout<Zlib.Stream>.size)
        // level 6, Z_DEFLATED (8), gzip window (15 + 16), memLevel 8, default strategy.
        guard zlib.deflateInit2(stream, 6, 8, 15 + 16, 8, 0, zlib.version, streamSize) == Zlib.okay else {
            throw .corrupt("deflateInit2 failed")
        }
        defer { _ = zlib.deflateEnd(stream) }
        var source = Array(input)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        source.withUnsafeMutableBufferPointer { input in
            stream.pointee.nextIn = input.baseAddress
            stream.pointee.availIn = UInt32(input.count)
            var code: Int32 = Zlib.okay
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { out -> Int in
                    stream.pointee.nextOut = out.baseAddress
                    stream.pointee.availOut = UInt32(out.count)
                    code = zlib.deflate(stream, Zlib.finish)
                    return out.count - Int(stream.pointee.availOut)
                }
                output.append(contentsOf: chunk[0..<produced])
            } while code == Zlib.okay
        }
        return output
    }
}
