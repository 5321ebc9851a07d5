#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system zlib (the target links `z`), reached through `dlsym` because Swift has no zlib module on Linux and the
/// package declares no C target for it. Only the handful of entry points gzip needs.
enum Zlib {
    /// zlib's `z_stream` for LP64 platforms (checked against `stream_size` at init: zlib rejects a mismatch).
    struct Stream {
        var nextIn: UnsafeMutablePointer<UInt8>? = nil
        var availIn: UInt32 = 0
        var totalIn: UInt = 0
        var nextOut: UnsafeMutablePointer<UInt8>? = nil
        var availOut: UInt32 = 0
        var totalOut: UInt = 0
        var msg: UnsafePointer<CChar>? = nil
        var state: OpaquePointer? = nil
        var zalloc: OpaquePointer? = nil
        var zfree: OpaquePointer? = nil
        var opaque: UnsafeMutableRawPointer? = nil
        var dataType: Int32 = 0
        var adler: UInt = 0
        var reserved: UInt = 0
    }

    typealias InflateInit2 = @convention(c) (UnsafeMutableRawPointer, Int32, UnsafePointer<CChar>, Int32) -> Int32
    typealias DeflateInit2 = @convention(c) (UnsafeMutableRawPointer, Int32, Int32, Int32, Int32, Int32,
                                             UnsafePointer<CChar>, Int32) -> Int32
    typealias Step = @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32
    typealias End = @convention(c) (UnsafeMutableRawPointer) -> Int32
    typealias Version = @convention(c) () -> UnsafePointer<CChar>

    struct Symbols: @unchecked Sendable {  // C function pointers: immutable after load
        let inflateInit2: InflateInit2
        let inflate: Step
        let inflateEnd: End
        let deflateInit2: DeflateInit2
        let deflate: Step
        let deflateEnd: End
        let version: UnsafePointer<CChar>
    }

    static let okay: Int32 = 0
    static let streamEnd: Int32 = 1
    static let bufferError: Int32 = -5
    static let noFlush: Int32 = 0
    static let finish: Int32 = 4

    /// The loaded entry points, or nil when zlib cannot be found (gzip bodies are then answered as unsupported).
    static let symbols: Symbols? = {
        guard MemoryLayout<Stream>.size == 112 else { return nil }
        let handle = dlopen("libz.so.1", RTLD_NOW) ?? dlopen(nil, RTLD_NOW)
        func load<T>(_ name: String, as type: T.Type) -> T? {
            guard let pointer = dlsym(handle, name) else { return nil }
            return unsafeBitCast(pointer, to: type)
        }
        guard let inflateInit2 = load("inflateInit2_", as: InflateInit2.self),
            let inflate = load("inflate", as: Step.self),
            let inflateEnd = load("inflateEnd", as: End.self),
            let deflateInit2 = load("deflateInit2_", as: DeflateInit2.self),
            let deflate = load("deflate", as: Step.self),
            let deflateEnd = load("deflateEnd", as: End.self),
            let version = load("zlibVersion", as: Version.self)
        else { return nil }
        return Symbols(inflateInit2: inflateInit2, inflate: inflate, inflateEnd: inflateEnd,
                       deflateInit2: deflateInit2, deflate: deflate, deflateEnd: deflateEnd, version: version())
    }()
}
